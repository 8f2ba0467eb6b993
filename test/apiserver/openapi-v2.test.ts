// OpenAPI v2 (Swagger 2.0) for kubectl ≤ 1.28: the protobuf codec, the document built from the v3 sources,
// its gnostic protobuf read back and walked with kube-openapi's proto-model rules (what kubectl does with it),
// the HTTP negotiation, and stock kubectl 1.27, 1.28 (and 1.20) validating, explaining and applying with it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { decodeGnosticDocument, encodeSwaggerProtobuf, gnosticDocument, SwaggerShapeError } from '../../apiserver/openapi/gnostic-v2.js';
import { decodeMessage, encodeMessage, ProtoWireError, type MessageTable, type ProtoMessage } from '../../apiserver/openapi/proto-wire.js';
import { negotiateOpenapiV2, OPENAPI_V2_PROTOBUF, OpenApiV2Cache, openapiV2Document } from '../../apiserver/openapi/v2.js';
import { v2Schema, type Schema, type SwaggerDocument } from '../../apiserver/openapi/v3-to-v2.js';
import { builtinResources } from '../../apiserver/registry/index.js';
import { Registry } from '../../apiserver/registry/registry.js';
import type { ResourceEntry } from '../../apiserver/registry/types.js';
import { startTestApi } from '../helpers/in-process-api.js';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';
import { kubectl120 } from '../helpers/kubectl-120.js';

type Msg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type GVK = { group: string; version: string; kind: string };

const widgets: ResourceEntry = { group: 'stable.example.com', versions: ['v1'], kind: 'Widget', plural: 'widgets', singular: 'widget', namespaced: true, model: '' };

t.test('proto-wire: proto3 encoding, strict decoding', async (t) => {
  const table: MessageTable = {
    M: {
      s: { no: 1, type: 'string' },
      b: { no: 2, type: 'bool' },
      n: { no: 3, type: 'int64' },
      d: { no: 4, type: 'double' },
      tags: { no: 5, type: 'string', repeated: true },
      child: { no: 6, type: 'M' },
      kids: { no: 7, type: 'M', repeated: true },
      flag: { no: 8, type: 'bool', oneof: true },
      big: { no: 300, type: 'string' },
    },
  };
  const hex = (m: ProtoMessage) => encodeMessage(table, 'M', m).toString('hex');
  const cases: Array<[string, ProtoMessage, string, ProtoMessage?]> = [
    ['empty', {}, ''],
    ['zero scalars are left out', { s: '', b: false, n: 0, d: 0 }, '', {}],
    ['a oneof member is written even when false', { flag: false }, '4000'],
    ['string', { s: 'hi' }, '0a026869'],
    ['utf-8 length in bytes', { s: 'é' }, '0a02c3a9'],
    ['bool', { b: true }, '1001'],
    ['int64 150', { n: 150 }, '189601'],
    ['negative int64 is ten bytes', { n: -1 }, '18ffffffffffffffffff01'],
    ['double', { d: 1.5 }, '21000000000000f83f'],
    ['repeated strings, empty ones kept', { tags: ['a', ''] }, '2a01612a00'],
    ['an empty message is still present', { child: {} }, '3200'],
    ['nested, in field-number order', { kids: [{ s: 'x' }], s: 'y' }, '0a01793a030a0178'],
    ['two-byte tag', { big: 'z' }, 'e212017a'],
  ];
  for (const [name, message, expected, decoded = message] of cases) {
    t.equal(hex(message), expected, name);
    t.same(decodeMessage(table, 'M', Buffer.from(expected, 'hex')), decoded, `${name}: decodes`);
  }
  const long = 'x'.repeat(300);
  t.same(decodeMessage(table, 'M', encodeMessage(table, 'M', { s: long, kids: [{ kids: [{ n: 2 ** 40 }] }] })), { s: long, kids: [{ kids: [{ n: 2 ** 40 }] }] });
  t.throws(() => decodeMessage(table, 'M', Buffer.from('4801', 'hex')), ProtoWireError, 'unknown field number 9');
  t.throws(() => decodeMessage(table, 'M', Buffer.from('0801', 'hex')), ProtoWireError, 'string field sent as a varint');
  t.throws(() => decodeMessage(table, 'M', Buffer.from('0a05', 'hex')), ProtoWireError, 'truncated');
  t.throws(() => encodeMessage(table, 'M', { s: 1 }), ProtoWireError);
  t.throws(() => encodeMessage(table, 'M', { n: 1.5 }), ProtoWireError);
  t.throws(() => encodeMessage(table, 'M', { tags: 'a' }), ProtoWireError);
  t.throws(() => encodeMessage({ X: { y: { no: 1, type: 'Nope' } } }, 'X', {}), ProtoWireError, 'a table naming an unknown message');
});

t.test('v2Schema: upstream v2 shapes', async (t) => {
  const ref = (n: string) => ({ $ref: `#/components/schemas/${n}` });
  const cases: Array<[string, Schema, Schema]> = [
    ['$ref is rewritten', ref('a.B'), { $ref: '#/definitions/a.B' }],
    ['a described reference drops its allOf', { allOf: [ref('a.B')], description: 'd', default: {}, 'x-kubernetes-patch-strategy': 'merge' }, { $ref: '#/definitions/a.B', description: 'd', default: {}, 'x-kubernetes-patch-strategy': 'merge' }],
    ['nested', { type: 'array', items: { type: 'object', additionalProperties: ref('a.B') } }, { type: 'array', items: { type: 'object', additionalProperties: { $ref: '#/definitions/a.B' } } }],
    ['properties', { type: 'object', properties: { x: ref('a.B') }, required: ['x'] }, { type: 'object', properties: { x: { $ref: '#/definitions/a.B' } }, required: ['x'] }],
    ['IntOrString', { format: 'int-or-string', oneOf: [{ type: 'integer' }, { type: 'string' }] }, { type: 'string', format: 'int-or-string' }],
    ['Quantity', { oneOf: [{ type: 'string' }, { type: 'number' }] }, { type: 'string' }],
    ['other oneOf and v3-only keys dropped', { oneOf: [{ type: 'integer' }], nullable: true, description: 'x' }, { description: 'x' }],
    ['a real allOf of several stays', { allOf: [ref('a.B'), ref('a.C')] }, { allOf: [{ $ref: '#/definitions/a.B' }, { $ref: '#/definitions/a.C' }] }],
  ];
  for (const [name, input, expected] of cases) t.same(v2Schema(input), expected, name);
});

/** What kube-openapi's NewOpenAPIData (pkg/util/proto/document.go, as in kubectl 1.20–1.28) rejects. */
function kubeOpenapiErrors(doc: Msg): string[] {
  const defs: Msg[] = doc.definitions?.additional_properties ?? [];
  const names = new Set(defs.map((d) => d.name as string));
  const errors: string[] = [];
  const yaml = (a: Msg | undefined, at: string) => {
    if (!a) return;
    try {
      JSON.parse(a.yaml);
    } catch {
      errors.push(`${at}: unreadable yaml ${a.yaml}`);
    }
  };
  const parse = (s: Msg, at: string): void => {
    yaml(s.default, `${at} default`);
    for (const e of s.vendor_extension ?? []) yaml(e.value, `${at} ${e.name}`);
    const types: string[] = s.type?.value ?? [];
    if (s._ref) {
      if (s.properties?.additional_properties?.length) errors.push(`${at}: unallowed embedded type definition`);
      if (types.length > 0) errors.push(`${at}: definition reference can't have a type`);
      if (!s._ref.startsWith('#/definitions/')) errors.push(`${at}: unallowed reference to non-definition ${s._ref}`);
      else if (!names.has(s._ref.slice('#/definitions/'.length))) errors.push(`${at}: unknown model in reference ${s._ref}`);
      return;
    }
    const kind = () => {
      for (const p of s.properties.additional_properties ?? []) parse(p.value ?? {}, `${at}.${p.name}`);
    };
    if (types.length === 0) {
      if (s.properties) kind();
    } else if (types.length > 1) errors.push(`${at}: definitions with multiple types aren't supported`);
    else if (types[0] === 'object') {
      if (s.properties) kind();
      else if (s.additional_properties?.schema) parse(s.additional_properties.schema, `${at}{}`);
    } else if (types[0] === 'array') {
      if (s.items?.schema?.length !== 1) errors.push(`${at}: array should have exactly one sub-item`);
      else parse(s.items.schema[0], `${at}[]`);
    } else if (!['string', 'number', 'integer', 'boolean'].includes(types[0]!)) errors.push(`${at}: Unknown primitive type: ${types[0]}`);
  };
  for (const d of defs) parse(d.value ?? {}, d.name);
  return errors;
}

/** kubectl's pkg/util/openapi: GVK → model name, from each definition's x-kubernetes-group-version-kind. */
function modelsByGvk(doc: Msg): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of doc.definitions.additional_properties as Msg[]) {
    const ext = (d.value.vendor_extension ?? []).find((e: Msg) => e.name === 'x-kubernetes-group-version-kind');
    for (const g of ext ? (JSON.parse(ext.value.yaml) as GVK[]) : []) out.set(`${g.group}/${g.version}/${g.kind}`, d.name);
  }
  return out;
}

/** cli-runtime query_param_verifier.go (v2): the first path whose patch carries the GVK decides. */
function supportsQueryParam(doc: Msg, gvk: GVK, param: string): boolean | undefined {
  for (const path of doc.paths.path as Msg[]) {
    const patch = path.value.patch;
    const ext = (patch?.vendor_extension ?? []).find((e: Msg) => e.name === 'x-kubernetes-group-version-kind');
    const g = ext && (JSON.parse(ext.value.yaml) as GVK);
    if (!g || g.group !== gvk.group || g.version !== gvk.version || g.kind !== gvk.kind) continue;
    return (patch.parameters as Msg[]).some((p) => p.parameter?.non_body_parameter?.query_parameter_sub_schema?.name === param);
  }
  return undefined;
}

/** The inverse of gnostic's schema compiler, to compare decoded definitions with the JSON document. */
function schemaJson(m: Msg): Schema {
  const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const out: Schema = {};
  for (const [key, v] of Object.entries(m)) {
    if (key === '_ref') out.$ref = v;
    else if (key === 'type') out.type = v.value.length === 1 ? v.value[0] : v.value;
    else if (key === 'items') out.items = schemaJson(v.schema[0]);
    else if (key === 'properties') out.properties = Object.fromEntries((v.additional_properties ?? []).map((p: Msg) => [p.name, schemaJson(p.value ?? {})]));
    else if (key === 'additional_properties') out.additionalProperties = v.schema ? schemaJson(v.schema) : v.boolean;
    else if (key === 'all_of') out.allOf = v.map(schemaJson);
    else if (key === 'default' || key === 'example') out[key] = JSON.parse(v.yaml);
    else if (key === 'enum') out.enum = v.map((a: Msg) => JSON.parse(a.yaml));
    else if (key === 'vendor_extension') for (const e of v) out[e.name] = JSON.parse(e.value.yaml);
    else out[camel(key)] = v;
  }
  return out;
}

t.test('document: the whole API in one Swagger 2.0 document', async (t) => {
  const doc = openapiV2Document(new Registry([...builtinResources, widgets]));
  t.equal(doc.swagger, '2.0');
  t.same(doc.security, [{ BearerToken: [] }]);
  const json = JSON.stringify(doc);
  t.notMatch(json, /#\/components\//, 'no v3 references left');
  const schemaKeys = new Set<string>();
  const walk = (schema: Msg) => {
    for (const k of Object.keys(schema)) schemaKeys.add(k);
    for (const p of Object.values(schema.properties ?? {})) walk(p as Msg);
    if (schema.items) walk(schema.items);
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties);
  };
  for (const d of Object.values(doc.definitions)) walk(d);
  t.same([...schemaKeys].filter((k) => !k.startsWith('x-')).sort(), ['$ref', 'additionalProperties', 'description', 'format', 'items', 'properties', 'required', 'type'], 'only v2 schema keys');
  const opKeys = new Set(Object.values(doc.paths).flatMap((item) => Object.entries(item).filter(([m]) => m !== 'parameters').flatMap(([, op]) => Object.keys(op as Msg))));
  t.same([...opKeys].filter((k) => !k.startsWith('x-')).sort(), ['consumes', 'description', 'operationId', 'parameters', 'produces', 'responses', 'schemes', 'tags'], 'only v2 operation keys');
  const names = new Set(Object.keys(doc.definitions));
  const dangling = [...json.matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)].map((m) => m[1]!).filter((n) => !names.has(n));
  t.same(dangling, [], 'every $ref resolves');

  const defs = doc.definitions as Record<string, Msg>;
  const cm = defs['io.k8s.api.core.v1.ConfigMap']!;
  t.same(cm['x-kubernetes-group-version-kind'], [{ group: '', kind: 'ConfigMap', version: 'v1' }]);
  t.same(cm.properties.metadata, { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' });
  t.match(defs['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']!.properties.creationTimestamp, {
    $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Time',
    description: /CreationTimestamp/,
  });
  t.match(defs['io.k8s.api.core.v1.PodSpec']!.properties.containers, { type: 'array', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' });
  t.same(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString']!.type, 'string');
  t.same(defs['io.k8s.apimachinery.pkg.api.resource.Quantity']!.type, 'string');
  t.match(defs['com.example.stable.v1.Widget'], { type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
  for (const gv of ['apps/v1/Deployment', 'batch/v1/Job', 'rbac.authorization.k8s.io/v1/ClusterRole', 'stable.example.com/v1/Widget']) {
    const [group, version, kind] = gv.split('/');
    t.ok(Object.values(defs).some((d) => (d['x-kubernetes-group-version-kind'] ?? []).some((g: GVK) => g.group === group && g.version === version && g.kind === kind)), `${gv} has a model`);
  }

  const item = doc.paths['/api/v1/namespaces/{namespace}/configmaps/{name}'] as Msg;
  t.match(item.patch, {
    operationId: 'patchCoreV1NamespacedConfigMap',
    consumes: ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json'],
    produces: ['application/json', 'application/yaml'],
    schemes: ['https'],
    'x-kubernetes-action': 'patch',
    'x-kubernetes-group-version-kind': { group: '', kind: 'ConfigMap', version: 'v1' },
    responses: { '200': { description: 'OK', schema: { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' } }, '401': { description: 'Unauthorized' } },
  });
  t.same(item.patch.parameters.map((p: Msg) => `${p.in}:${p.name}`), ['body:body', 'query:dryRun', 'query:fieldManager', 'query:fieldValidation', 'query:force']);
  t.same(item.patch.parameters[0], { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } });
  t.same(item.patch.parameters[3], { uniqueItems: true, type: 'string', description: item.patch.parameters[3].description, name: 'fieldValidation', in: 'query' });
  t.same(item.parameters.map((p: Msg) => `${p.in}:${p.name}:${p.required ?? false}`), ['path:name:true', 'path:namespace:true', 'query:pretty:false']);
  const post = (doc.paths['/api/v1/namespaces/{namespace}/configmaps'] as Msg).post;
  t.same(post.consumes, ['*/*']);
  t.same(post.parameters[0].schema, { $ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' });
  t.same((doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale'] as Msg).patch['x-kubernetes-group-version-kind'], { group: 'autoscaling', kind: 'Scale', version: 'v1' });
  t.same(Object.keys(doc.paths), Object.keys(doc.paths).slice().sort(), 'paths sorted');
  t.same(Object.keys(doc.definitions), [...names].sort(), 'definitions sorted');
});

t.test('protobuf: gnostic Document that kubectl reads back', async (t) => {
  const doc = openapiV2Document(new Registry([...builtinResources, widgets]));
  const bytes = encodeSwaggerProtobuf(doc);
  const back = decodeGnosticDocument(bytes) as Msg;
  t.equal(back.swagger, '2.0');
  t.same(back.info, { title: 'Kubernetes', version: 'v1.34.0' });
  t.same(back.security, [{ additional_properties: [{ name: 'BearerToken', value: {} }] }]);
  t.same(back.security_definitions.additional_properties[0], {
    name: 'BearerToken',
    value: { api_key_security: { type: 'apiKey', name: 'authorization', in: 'header', description: 'Bearer Token authentication' } },
  });
  t.same(kubeOpenapiErrors(back), [], 'kube-openapi parses every model');
  const decoded = Object.fromEntries((back.definitions.additional_properties as Msg[]).map((d) => [d.name, schemaJson(d.value ?? {})]));
  t.same(decoded, doc.definitions, 'definitions survive the round trip');
  t.same(
    (back.paths.path as Msg[]).map((p) => p.name),
    Object.keys(doc.paths),
  );

  const models = modelsByGvk(back);
  t.equal(models.get('/v1/ConfigMap'), 'io.k8s.api.core.v1.ConfigMap');
  t.equal(models.get('apps/v1/Deployment'), 'io.k8s.api.apps.v1.Deployment');
  t.equal(models.get('stable.example.com/v1/Widget'), 'com.example.stable.v1.Widget');
  t.equal(supportsQueryParam(back, { group: '', version: 'v1', kind: 'ConfigMap' }, 'fieldValidation'), true);
  t.equal(supportsQueryParam(back, { group: 'apps', version: 'v1', kind: 'Deployment' }, 'fieldValidation'), true);
  t.equal(supportsQueryParam(back, { group: '', version: 'v1', kind: 'Namespace' }, 'dryRun'), true);
  t.equal(supportsQueryParam(back, { group: 'nope', version: 'v1', kind: 'Nope' }, 'fieldValidation'), undefined);

  const patch = (back.paths.path as Msg[]).find((p) => p.name === '/api/v1/namespaces/{namespace}/configmaps/{name}')!.value.patch;
  t.same(patch.parameters[0], {
    parameter: { body_parameter: { name: 'body', in: 'body', required: true, schema: { _ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.Patch' } } },
  });
  t.match(patch.parameters[3], { parameter: { non_body_parameter: { query_parameter_sub_schema: { name: 'fieldValidation', in: 'query', type: 'string', unique_items: true } } } });
  t.match(patch.responses.response_code[0], { name: '200', value: { response: { description: 'OK', schema: { schema: { _ref: '#/definitions/io.k8s.api.core.v1.ConfigMap' } } } } });
  t.same(patch.vendor_extension, [
    { name: 'x-kubernetes-action', value: { yaml: '"patch"' } },
    { name: 'x-kubernetes-group-version-kind', value: { yaml: '{"group":"","kind":"ConfigMap","version":"v1"}' } },
  ]);

  t.throws(() => gnosticDocument({ ...doc, definitions: { X: { nullable: true } } } as SwaggerDocument), SwaggerShapeError, 'a key gnostic has no field for');
  t.throws(() => gnosticDocument({ ...doc, paths: { '/x': { get: { parameters: [{ name: 'h', in: 'header' }] } } } } as SwaggerDocument), SwaggerShapeError);
});

t.test('negotiation: kube-openapi handler order', async (t) => {
  const cases: Array<[string | undefined, string | undefined]> = [
    [undefined, 'json'],
    ['', 'json'],
    ['*/*', 'json'],
    ['application/json', 'json'],
    ['application/json, */*', 'json'],
    ['application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'protobuf'],
    ['application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['*/*;q=0.1, application/com.github.proto-openapi.spec.v2@v1.0+protobuf', 'protobuf'],
    ['application/*', 'json'],
    ['text/html', undefined],
    ['application/json;q=0', undefined],
    ['application/vnd.kubernetes.protobuf', undefined],
  ];
  for (const [accept, expected] of cases) t.equal(negotiateOpenapiV2(accept), expected, String(accept));
});

t.test('cache: built once, same ETag for both formats, dropped on registry change', async (t) => {
  const registry = new Registry(builtinResources);
  const cache = new OpenApiV2Cache(registry);
  t.teardown(() => cache.close());
  const started = performance.now();
  const pb = cache.get('protobuf');
  const builtMs = performance.now() - started;
  const json = cache.get('json');
  t.equal(pb.contentType, OPENAPI_V2_PROTOBUF);
  t.equal(json.contentType, 'application/json');
  t.match(pb.etag, /^[0-9A-F]{128}$/);
  t.equal(json.etag, pb.etag);
  t.equal(cache.get('protobuf').body, pb.body, 'cached');
  t.comment(`built in ${builtMs.toFixed(0)} ms: JSON ${json.body.length} bytes, protobuf ${pb.body.length} bytes`);
  registry.add(widgets);
  const after = cache.get('json');
  t.not(after.etag, pb.etag, 'rebuilt after a CRD arrives');
  t.match(after.body, /com\.example\.stable\.v1\.Widget/);
});

t.test('HTTP: /openapi/v2 and /swagger-2.0.0.pb-v1', async (t) => {
  const api = await startTestApi();
  t.teardown(() => api.close());
  const expected = new OpenApiV2Cache(new Registry(builtinResources)).get('protobuf');
  const PB_ACCEPT = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

  const pb = await api.call('GET', '/openapi/v2?timeout=32s', undefined, { accept: PB_ACCEPT });
  t.equal(pb.status, 200);
  t.equal(pb.headers['content-type'], OPENAPI_V2_PROTOBUF);
  t.equal(pb.headers.etag, `"${expected.etag}"`);
  t.equal(Number(pb.headers['content-length']), expected.body.length);
  t.match(pb.headers.vary, /Accept/);

  const json = await api.call('GET', '/openapi/v2', undefined, { accept: 'application/json, */*' });
  t.equal(json.status, 200);
  t.match(json.headers['content-type'], /^application\/json/);
  t.equal(json.json.swagger, '2.0');
  t.equal(json.headers.etag, pb.headers.etag);
  t.equal((await api.call('GET', '/openapi/v2', undefined, { accept: '' })).json?.swagger, '2.0', 'no Accept: JSON');

  const refused = await api.call('GET', '/openapi/v2', undefined, { accept: 'text/html' });
  t.equal(refused.status, 406);
  t.equal(refused.json?.reason, 'NotAcceptable');

  const notModified = await api.call('GET', '/openapi/v2', undefined, { accept: PB_ACCEPT, 'if-none-match': pb.headers.etag as string });
  t.equal(notModified.status, 304);
  t.equal(notModified.text, '');

  const legacy = await api.call('GET', '/swagger-2.0.0.pb-v1', undefined, { accept: 'application/json, */*' });
  t.equal(legacy.status, 200);
  t.equal(legacy.headers['content-type'], OPENAPI_V2_PROTOBUF, 'protobuf whatever the Accept: client-go decodes it so');
  t.equal(Number(legacy.headers['content-length']), expected.body.length);
});

// Stock kubectl. 1.27 and 1.28 download /openapi/v2 before validating (and explain with
// --output=plaintext-openapiv2 reads it); they validate on the server, since the v3 patch operation lists
// fieldValidation. 1.20 has no v3 and no fieldValidation: it validates on the client with the v2 models.
const run = promisify(execFile);
const clients = [
  { minor: 27, bin: kubectlBinary(27), serverSide: true },
  { minor: 28, bin: kubectlBinary(28), serverSide: true },
  { minor: 20, bin: kubectl120(), serverSide: false },
];

const available = clients.filter((c) => c.bin);
const skip = available.length === 0 ? 'no kubectl 1.20, 1.27 or 1.28 binary on this machine' : false;

t.test('kubectl 1.20, 1.27, 1.28 against k8ts server', { skip }, async (t) => {
  for (const c of clients) if (!c.bin) t.comment(`kubectl 1.${c.minor} not on this machine: skipped`);
  const server: ServerProcess = await startServer();
  const work = mkdtempSync(join(tmpdir(), 'k8ts-openapi-v2-'));
  t.teardown(async () => {
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  });

  for (const { minor, bin, serverSide } of available) {
    t.test(`kubectl 1.${minor}`, async (t) => {
      const home = mkdtempSync(join(work, `home-${minor}-`));
      const env = { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig };
      const k = async (...args: string[]) => (await run(bin!, args, { env })).stdout;
      const kAll = async (...args: string[]) => {
        const { stdout, stderr } = await run(bin!, args, { env });
        return stdout + stderr;
      };
      const kFails = async (...args: string[]) => {
        try {
          await run(bin!, args, { env });
        } catch (err) {
          return (err as { stderr: string }).stderr;
        }
        throw new Error(`kubectl ${args.join(' ')} should have failed`);
      };
      const file = (name: string, text: string) => {
        const path = join(home, name);
        writeFileSync(path, text);
        return path;
      };
      const ns = `v2-k${minor}`;
      t.equal(await k('create', 'namespace', ns), `namespace/${ns} created\n`);

      const cm = file('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  namespace: ${ns}\ndata:\n  a: "1"\n`);
      const created = await kAll('create', '-f', cm, '-v=6');
      t.match(created, /GET https:\/\/[^ ]+\/openapi\/v2\?timeout=32s 200 OK/, 'downloads /openapi/v2');
      t.match(created, /configmap\/x created\n/);

      const bad = file('bad.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  namespace: ${ns}\ndatax:\n  a: "1"\n`);
      const refused = await kFails('create', '-f', bad);
      if (serverSide) {
        t.equal(
          refused,
          `Error from server (BadRequest): error when creating "${bad}": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "datax"\n`,
          'server-side validation (the v3 patch operation lists fieldValidation)',
        );
      } else {
        t.equal(
          refused,
          `error: error validating "${bad}": error validating data: ValidationError(ConfigMap): unknown field "datax" in io.k8s.api.core.v1.ConfigMap; if you choose to ignore these errors, turn validation off with --validate=false\n`,
          'client-side validation with the v2 models',
        );
      }

      const explainArgs = serverSide ? ['explain', 'configmap.data', '--output=plaintext-openapiv2'] : ['explain', 'configmap.data'];
      const explained = await k(...explainArgs);
      t.match(explained, /KIND:\s+ConfigMap\nVERSION:\s+v1\n\nFIELD:\s+data <map\[string\]string>\n\nDESCRIPTION:\n\s+Data contains the configuration data/, 'explain from the v2 models');
      if (serverSide) t.match(await k('explain', 'configmap.data'), /FIELD: data <map\[string\]string>/, 'default explain');

      // strategy.type is given: left out, the server defaults it and kubectl's $retainKeys patch for the
      // strategy makes every re-apply "configured", against a real apiserver as here.
      const app = file(
        'app.yaml',
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ap\n  namespace: ${ns}\n  labels: {app: one}\ndata:\n  a: "1"\n---\n` +
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: ${ns}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n` +
          `  strategy:\n    type: RollingUpdate\n    rollingUpdate: {maxSurge: 1, maxUnavailable: "25%"}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n` +
          `      - name: web\n        image: nginx:1.25\n        ports:\n        - {containerPort: 80, name: http}\n` +
          `        resources:\n          limits: {cpu: 500m, memory: 128Mi}\n          requests: {cpu: 0.1}\n        livenessProbe:\n          httpGet: {path: /, port: http}\n`,
      );
      t.equal(await k('apply', '-f', app), 'configmap/ap created\ndeployment.apps/web created\n');
      t.equal(await k('apply', '-f', app), 'configmap/ap unchanged\ndeployment.apps/web unchanged\n');
    });
  }
});
