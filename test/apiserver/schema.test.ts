// The schema layer: the model catalogue, strict decoding (unknown, duplicate and mistyped fields with
// upstream's paths and messages), the special value formats and the patch-meta table.
import t from 'tap';
import { allModelNames, modelForKind, modelForVersion, modelInfo } from '../../apiserver/schema/catalogue.js';
import { patchMeta, structMapType } from '../../apiserver/schema/patch-meta.js';
import {
  checkFields,
  checkJsonText,
  decodeErrorMessage,
  decodeFailure,
  fieldWarnings,
  findDuplicateKeys,
  strictDecodingMessage,
} from '../../apiserver/schema/strict-decode.js';
import { base64Error, QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR, quantityError, RFC3339_MICRO, timeError } from '../../apiserver/schema/value-formats.js';

const deployment = (podSpec: object, extra: object = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: podSpec }, ...extra },
});
const pod = (spec: object, metadata: object = { name: 'p' }) => ({ apiVersion: 'v1', kind: 'Pod', metadata, spec });

t.test('catalogue: fields, required-ness, descriptions and wire types', async (t) => {
  const container = modelInfo('V1Container')!;
  t.equal(container.goName, 'Container');
  t.equal(container.version, 'v1');
  t.match(container.description, /A single application container/);
  t.same(container.byName.get('name')!.required, true);
  t.same(container.byName.get('image')!.required, false);
  t.match(container.byName.get('args')!.description, /container image's CMD/, 'escaped quotes are unescaped');
  t.same(container.byName.get('ports')!.type, { kind: 'array', items: { kind: 'model', model: 'V1ContainerPort' } });
  t.same(modelInfo('V1ObjectMeta')!.byName.get('creationTimestamp')!.type, { kind: 'time' });
  t.same(modelInfo('V1ObjectMeta')!.byName.get('labels')!.type, { kind: 'map', values: { kind: 'string' } });
  t.same(modelInfo('V1LeaseSpec')!.byName.get('renewTime')!.type, { kind: 'microtime' });
  t.same(modelInfo('V1HTTPGetAction')!.byName.get('port')!.type, { kind: 'int-or-string' });
  t.same(modelInfo('V1ResourceRequirements')!.byName.get('limits')!.type, { kind: 'map', values: { kind: 'quantity' }, goType: 'v1.ResourceList' });
  t.same(modelInfo('V1EmptyDirVolumeSource')!.byName.get('sizeLimit')!.type, { kind: 'quantity' });
  t.same(modelInfo('V1Secret')!.byName.get('data')!.type, { kind: 'map', values: { kind: 'string', format: 'byte' } });
  t.same(modelInfo('V1ControllerRevision')!.byName.get('data')!.type, { kind: 'opaque', def: 'RawExtension' });
  t.same(modelInfo('V1DeploymentSpec')!.byName.get('replicas')!.type, { kind: 'integer', format: 'int32' });
  t.same(modelInfo('V1PodSecurityContext')!.byName.get('supplementalGroups')!.type, { kind: 'array', items: { kind: 'integer', format: 'int64' } });
  t.same(modelInfo('V1JSONSchemaProps')!.byName.get('$ref')!.type, { kind: 'string' }, 'JSON names, not TypeScript names');
  t.same(modelInfo('V1CustomResourceSubresourceStatus')!.fields, [], 'an empty struct client-node lacks');
  t.equal(modelInfo('V1NoSuchThing'), undefined);
  t.same(modelInfo('CoreV1Event')!.groupHint, 'core');
  t.equal(modelInfo('VersionInfo')!.goName, 'Info');

  t.equal(modelForKind('', 'v1', 'Pod'), 'V1Pod');
  t.equal(modelForKind('', 'v1', 'Event'), 'CoreV1Event');
  t.equal(modelForKind('events.k8s.io', 'v1', 'Event'), 'EventsV1Event');
  t.equal(modelForKind('apps', 'v1', 'Deployment'), 'V1Deployment');
  t.equal(modelForKind('authentication.k8s.io', 'v1', 'TokenRequest'), 'AuthenticationV1TokenRequest');
  t.equal(modelForKind('autoscaling', 'v2', 'HorizontalPodAutoscaler'), 'V2HorizontalPodAutoscaler');
  t.equal(modelForKind('example.com', 'v1', 'Widget'), undefined);
  const hpa = { group: 'autoscaling', kind: 'HorizontalPodAutoscaler', model: 'V2HorizontalPodAutoscaler' };
  t.equal(modelForVersion(hpa, 'v2'), 'V2HorizontalPodAutoscaler');
  t.equal(modelForVersion(hpa, 'v1'), 'V1HorizontalPodAutoscaler');
  t.equal(modelForVersion({ group: 'example.com', kind: 'Widget', model: '' }, 'v1'), undefined);
});

t.test('catalogue: every client-node model reads, and every model it references exists', async (t) => {
  const names = allModelNames();
  t.ok(names.length > 700);
  const missing: string[] = [];
  for (const name of names) {
    const info = modelInfo(name);
    if (!info) {
      missing.push(name);
      continue;
    }
    for (const f of info.fields) {
      const refs = JSON.stringify(f.type).match(/"model":"(\w+)"/g) ?? [];
      for (const r of refs) if (!modelInfo(r.slice(9, -1))) missing.push(`${name}.${f.name} → ${r}`);
    }
  }
  t.same(missing, []);
});

t.test('unknown fields: upstream paths through structs, arrays and maps', async (t) => {
  const table: Array<[string, string, unknown, string[]]> = [
    ['top level', 'V1ConfigMap', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, bogus: 1 }, ['bogus']],
    ['metadata', 'V1ConfigMap', { metadata: { name: 'x', nmae: 'y' } }, ['metadata.nmae']],
    ['case matters', 'V1ConfigMap', { Metadata: {} }, ['Metadata']],
    [
      'nested arrays',
      'V1Deployment',
      deployment({ containers: [{ name: 'a', image: 'i' }, { name: 'b', image: 'i', resurces: {}, ports: [{ containerPort: 80 }, { port: 81 }] }] }),
      ['spec.template.spec.containers[1].resurces', 'spec.template.spec.containers[1].ports[1].port'],
    ],
    ['a valid deployment', 'V1Deployment', deployment({ containers: [{ name: 'c', image: 'i' }] }), []],
    [
      'inside a map of structs',
      'V1CustomResourceDefinition',
      {
        spec: {
          group: 'g',
          names: { kind: 'K', plural: 'ks' },
          scope: 'Namespaced',
          versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { a: { type: 'string', typo: 1 } } } } }],
        },
      },
      ['spec.versions[0].schema.openAPIV3Schema.properties.a.typo'],
    ],
    ['map values are not fields', 'V1ConfigMap', { data: { anything: 'x', 'a.b': 'y' } }, []],
    ['an unknown subtree is not walked', 'V1Pod', pod({ containers: [], extra: { deeper: { bogus: 1 } } }), ['spec.extra']],
    ['opaque values are not walked', 'V1ControllerRevision', { data: { anything: { at: 'all' } }, revision: 1 }, []],
    ['empty structs have no fields', 'V1CustomResourceSubresources', { status: { x: 1 } }, ['status.x']],
  ];
  for (const [name, model, obj, unknown] of table) {
    const r = checkFields(model, obj);
    t.same(r.unknown, unknown, name);
    t.same(r.strictErrors, unknown.map((p) => `unknown field "${p}"`), name);
    t.same(r.typeErrors, [], `${name}: no type errors`);
  }
  const misplaced = checkFields('V1Deployment', { spec: { template: { metadata: { containers: [], volumes: [] } } } });
  t.equal(
    decodeErrorMessage('Deployment', 'v1', strictDecodingMessage(misplaced)),
    'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.metadata.containers", unknown field "spec.template.metadata.volumes"',
  );
  t.same(fieldWarnings(misplaced), ['unknown field "spec.template.metadata.containers"', 'unknown field "spec.template.metadata.volumes"']);
  t.same(checkFields('V1NotAModel', { anything: 1 }).strictErrors, [], 'an unknown model checks nothing');
});

t.test('strict errors are deduplicated and capped at 100, as upstream', async (t) => {
  const containers = Array.from({ length: 3 }, (_, i) => ({ name: `c${i}`, bogus: 1 }));
  t.equal(checkFields('V1Pod', pod({ containers })).strictErrors.length, 3, 'distinct paths are distinct errors');
  const text = `{"metadata":{"x":1,"x":2}}`;
  const r = checkJsonText('V1Pod', text);
  t.ok(r.ok);
  if (r.ok) t.same(r.strictErrors, ['unknown field "metadata.x"'], 'an unknown key twice is one error, not a duplicate');
  const many = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`f${i}`, i]));
  const capped = checkFields('V1ConfigMap', { metadata: many });
  t.equal(capped.strictErrors.length, 100);
  t.equal(capped.unknown[99], 'metadata.f99');
});

t.test('type errors: encoding/json messages with the Go struct and field path', async (t) => {
  const table: Array<[string, string, unknown, string, string]> = [
    [
      'string for int32',
      'V1Deployment',
      deployment({ containers: [] }, { replicas: '3' }),
      'spec.replicas',
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'number for string in an array of structs',
      'V1Deployment',
      deployment({ containers: [{ name: 'c', env: [{ name: 'A', value: 5 }] }] }),
      'spec.template.spec.containers[0].env[0].value',
      'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string',
    ],
    [
      'object for string',
      'V1Pod',
      pod({ containers: [{ name: 'c', env: [{ name: 'A', value: { a: 1 } }] }] }),
      'spec.containers[0].env[0].value',
      'json: cannot unmarshal object into Go struct field EnvVar.spec.containers.env.value of type string',
    ],
    [
      'object for an array',
      'V1Pod',
      pod({ containers: { name: 'c' } }),
      'spec.containers',
      'json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container',
    ],
    [
      'string for a struct',
      'V1Pod',
      pod({ containers: [], securityContext: 'x' }),
      'spec.securityContext',
      'json: cannot unmarshal string into Go struct field PodSpec.spec.securityContext of type v1.PodSecurityContext',
    ],
    [
      'string for []string',
      'V1Pod',
      pod({ containers: [{ name: 'c', command: 'sh -c' }] }),
      'spec.containers[0].command',
      'json: cannot unmarshal string into Go struct field Container.spec.containers.command of type []string',
    ],
    [
      'number in a map of strings',
      'V1ConfigMap',
      { metadata: { name: 'x', labels: { a: 1 } } },
      'metadata.labels.a',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ],
    [
      'fraction for int32',
      'V1Pod',
      pod({ containers: [{ name: 'c', ports: [{ containerPort: 80.5 }] }] }),
      'spec.containers[0].ports[0].containerPort',
      'json: cannot unmarshal number 80.5 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32',
    ],
    [
      'int32 overflow',
      'V1Deployment',
      deployment({ containers: [] }, { replicas: 3000000000 }),
      'spec.replicas',
      'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32',
    ],
    [
      'string for bool',
      'V1ConfigMap',
      { immutable: 'yes' },
      'immutable',
      'json: cannot unmarshal string into Go struct field ConfigMap.immutable of type bool',
    ],
    [
      'number for a byte map',
      'V1Secret',
      { data: { a: 1 } },
      'data.a',
      'json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    ],
    [
      'string for a resource list',
      'V1Pod',
      pod({ containers: [{ name: 'c', resources: { limits: '1' } }] }),
      'spec.containers[0].resources.limits',
      'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList',
    ],
    [
      'embedded struct in the path',
      'V1Pod',
      pod({ containers: [{ name: 'c', livenessProbe: { exec: 'true' } }] }),
      'spec.containers[0].livenessProbe.exec',
      'json: cannot unmarshal string into Go struct field Probe.spec.containers.livenessProbe.ProbeHandler.exec of type v1.ExecAction',
    ],
    [
      'twice embedded',
      'V1Pod',
      pod({ containers: [], volumes: [{ name: 'v', configMap: { name: 7 } }] }),
      'spec.volumes[0].configMap.name',
      'json: cannot unmarshal number into Go struct field ConfigMapVolumeSource.spec.volumes.VolumeSource.configMap.LocalObjectReference.name of type string',
    ],
    ['the whole body', 'V1Pod', [], '', 'json: cannot unmarshal array into Go value of type v1.Pod'],
    [
      'number for a time',
      'V1ConfigMap',
      { metadata: { creationTimestamp: 5 } },
      'metadata.creationTimestamp',
      'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string',
    ],
    [
      'bool for an int-or-string',
      'V1Service',
      { spec: { ports: [{ port: 80, targetPort: true }] } },
      'spec.ports[0].targetPort',
      'json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32',
    ],
  ];
  for (const [name, model, obj, path, message] of table) {
    const r = checkFields(model, obj);
    t.same(
      r.typeErrors.map((e) => [e.path, e.message]),
      [[path, message]],
      name,
    );
    t.equal(decodeFailure(r), message, name);
  }
  t.equal(decodeFailure(checkFields('V1ConfigMap', { data: { a: 'b' } })), undefined);
  t.equal(
    decodeErrorMessage('Deployment', 'v1', decodeFailure(checkFields('V1Deployment', deployment({ containers: [] }, { replicas: '3' })))!),
    'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
  );
});

t.test('the decoder reports the first fatal error, else the first', async (t) => {
  const r = checkFields('V1Pod', pod({ containers: [{ name: 'c', image: 1, resources: { limits: { memory: '1Gb' } } }] }));
  t.equal(r.typeErrors.length, 2);
  t.equal(decodeFailure(r), QUANTITY_FORMAT_ERROR, 'a custom unmarshaler error ends decoding and wins');
  const saved = checkFields('V1Pod', pod({ containers: [{ name: 1, image: 2 }] }));
  t.match(decodeFailure(saved), /Container\.spec\.containers\.name of type string/);
});

t.test('null is accepted for every type', async (t) => {
  const r = checkFields(
    'V1Pod',
    pod({
      containers: [{ name: null, ports: null, resources: { limits: { cpu: null } }, livenessProbe: { httpGet: { port: null } } }],
      securityContext: null,
      activeDeadlineSeconds: null,
    }, { name: 'p', creationTimestamp: null, labels: null }),
  );
  t.same(r.typeErrors, []);
  t.same(r.strictErrors, []);
});

t.test('IntOrString and Quantity take both strings and numbers', async (t) => {
  const ok = (model: string, obj: unknown) => t.same(checkFields(model, obj).typeErrors, [], JSON.stringify(obj));
  ok('V1Service', { spec: { ports: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 'http' }] } });
  ok('V1Deployment', deployment({ containers: [] }, { strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } }));
  ok('V1Pod', pod({ containers: [{ name: 'c', resources: { limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: 0.5, memory: 1e9 } } }] }));
  ok('V1Pod', pod({ containers: [], volumes: [{ name: 'v', emptyDir: { sizeLimit: 1024 } }] }));
  const bad = checkFields('V1Service', { spec: { ports: [{ port: 80, targetPort: 1.5 }] } });
  t.equal(bad.typeErrors[0]!.message, 'json: cannot unmarshal number 1.5 into Go struct field ServicePort.spec.ports.targetPort of type int32');
  t.equal(bad.typeErrors[0]!.fatal, true);
  const suffix = checkFields('V1Pod', pod({ containers: [{ name: 'c', resources: { requests: { memory: '1mi' } } }] }));
  t.same(suffix.typeErrors.map((e) => [e.path, e.message]), [['spec.containers[0].resources.requests.memory', QUANTITY_SUFFIX_ERROR]]);
  t.equal(checkFields('V1Pod', pod({ containers: [{ name: 'c', resources: { requests: { cpu: true } } }] })).typeErrors[0]!.message, QUANTITY_FORMAT_ERROR);
});

t.test('times, micro times and bytes', async (t) => {
  t.same(checkFields('V1ConfigMap', { metadata: { creationTimestamp: '2024-01-01T00:00:00Z' } }).typeErrors, []);
  t.same(checkFields('V1ConfigMap', { metadata: { creationTimestamp: '2024-01-01T00:00:00.123+02:00' } }).typeErrors, []);
  t.equal(
    decodeFailure(checkFields('V1ConfigMap', { metadata: { creationTimestamp: 'yesterday' } })),
    'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"',
  );
  t.same(checkFields('V1Lease', { spec: { renewTime: '2024-01-01T00:00:00.000000Z' } }).typeErrors, []);
  t.equal(
    decodeFailure(checkFields('V1Lease', { spec: { renewTime: '2024-01-01T00:00:00Z' } })),
    'parsing time "2024-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
  );
  t.same(checkFields('V1Secret', { data: { a: 'aGVsbG8=' }, stringData: { b: 'plain' } }).typeErrors, []);
  const bad = checkFields('V1Secret', { data: { a: 'hello!' } });
  t.same(bad.typeErrors, [{ path: 'data.a', message: 'illegal base64 data at input byte 5', fatal: false }]);
});

t.test('duplicate keys need the text', async (t) => {
  t.same(findDuplicateKeys('{"metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},"spec":{"containers":[{"image":"a","image":"b"}]}}'), [
    'metadata.name',
    'metadata.labels.x',
    'spec.containers[0].image',
  ]);
  t.same(findDuplicateKeys('{"a":1,"a":2,"a":3}'), ['a'], 'reported once');
  t.same(findDuplicateKeys('{"a":[{"b":1},{"b":1}]}'), []);
  t.same(findDuplicateKeys('{not json'), []);

  const r = checkJsonText('V1ConfigMap', '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","name":"b"},"data":{"k":"1","k":"2"},"bogus":true}');
  if (!r.ok) throw new Error('expected valid JSON');
  t.same(r.value, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' }, data: { k: '2' }, bogus: true }, 'the last value wins, as JSON.parse');
  t.same(r.duplicate, ['metadata.name', 'data.k']);
  t.same(r.unknown, ['bogus']);
  t.equal(strictDecodingMessage(r), 'strict decoding error: duplicate field "metadata.name", duplicate field "data.k", unknown field "bogus"');
  const opaque = checkJsonText('V1ControllerRevision', '{"data":{"a":1,"a":2}}');
  t.same(opaque.ok && opaque.duplicate, [], 'raw extensions are not decoded, so not checked');
  t.same(checkJsonText('V1ConfigMap', '{"a":'), { ok: false, offset: 5, message: 'unexpected end of JSON input' });
  t.same(checkJsonText('V1ConfigMap', '{"a" 1}'), { ok: false, offset: 5, message: "invalid character '1' after object key" });
  t.same(checkJsonText('V1ConfigMap', '{"a":tru}'), { ok: false, offset: 8, message: "invalid character '}' in literal true (expecting 'e')" });
  const proto = checkJsonText('V1ConfigMap', '{"data":{"__proto__":{"polluted":"yes"}}}');
  t.same(proto.ok && Object.getPrototypeOf((proto.value as { data: object }).data), Object.prototype, 'a __proto__ key stays a key');
  t.same(proto.ok && proto.typeErrors.map((e) => e.path), ['data.__proto__']);
  const numbers = checkJsonText('V1Pod', '{"spec":{"containers":[{"name":"c","ports":[{"containerPort":1e3}]}]}}');
  t.equal(numbers.ok && numbers.typeErrors[0]!.message, 'json: cannot unmarshal number 1e3 into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32');
});

t.test('quantity, time and base64 formats', async (t) => {
  const quantities: Array<[string, string | undefined]> = [
    ['1', undefined],
    ['0', undefined],
    ['500m', undefined],
    ['1.5Gi', undefined],
    ['1e3', undefined],
    ['1E-2', undefined],
    ['-1k', undefined],
    [' 2 ', undefined],
    ['.5', undefined],
    ['', QUANTITY_FORMAT_ERROR],
    ['1Gb', QUANTITY_FORMAT_ERROR],
    ['1 Gi', QUANTITY_FORMAT_ERROR],
    ['abc', QUANTITY_FORMAT_ERROR],
    ['true', QUANTITY_FORMAT_ERROR],
    ['1mi', QUANTITY_SUFFIX_ERROR],
    ['1e', QUANTITY_SUFFIX_ERROR],
    ['1KB', QUANTITY_FORMAT_ERROR],
  ];
  for (const [q, want] of quantities) t.equal(quantityError(q), want, `quantity ${JSON.stringify(q)}`);

  const times: Array<[string, string | undefined]> = [
    ['2024-02-29T23:59:59Z', undefined],
    ['2024-01-01T00:00:00-07:00', undefined],
    ['2024-01-01', 'parsing time "2024-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
    ['2024-13-01T00:00:00Z', 'parsing time "2024-13-01T00:00:00Z": month out of range'],
    ['2023-02-29T00:00:00Z', 'parsing time "2023-02-29T00:00:00Z": day out of range'],
    ['2024-01-01T25:00:00Z', 'parsing time "2024-01-01T25:00:00Z": hour out of range'],
    ['2024-01-01T00:00:00', 'parsing time "2024-01-01T00:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['2024-01-01T00:00:00Zjunk', 'parsing time "2024-01-01T00:00:00Zjunk": extra text: "junk"'],
    ['2024/01/01T00:00:00Z', 'parsing time "2024/01/01T00:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "/01/01T00:00:00Z" as "-"'],
  ];
  for (const [v, want] of times) t.equal(timeError(v), want, `time ${v}`);
  t.equal(timeError('2024-01-01T00:00:00.123456Z', RFC3339_MICRO), undefined);

  const b64: Array<[string, string | undefined]> = [
    ['', undefined],
    ['aGk=', undefined],
    ['aGVsbG8=', undefined],
    ['aGVs\nbG8=', undefined],
    ['abc', 'illegal base64 data at input byte 0'],
    ['aGVsbG8', 'illegal base64 data at input byte 4'],
    ['a===', 'illegal base64 data at input byte 1'],
    ['aGk=aGk=', 'illegal base64 data at input byte 4'],
    ['aG!k', 'illegal base64 data at input byte 2'],
  ];
  for (const [s, want] of b64) t.equal(base64Error(s), want, `base64 ${JSON.stringify(s)}`);
});

t.test('patch meta of the built-in types', async (t) => {
  t.same(patchMeta('V1PodSpec', 'containers'), { strategy: 'merge', mergeKey: 'name', listType: 'map', listMapKeys: ['name'] });
  t.same(patchMeta('V1PodSpec', 'volumes'), { strategy: 'merge,retainKeys', mergeKey: 'name', listType: 'map', listMapKeys: ['name'] });
  t.same(patchMeta('V1Container', 'env'), { strategy: 'merge', mergeKey: 'name', listType: 'map', listMapKeys: ['name'] });
  t.same(patchMeta('V1Container', 'ports'), { strategy: 'merge', mergeKey: 'containerPort', listType: 'map', listMapKeys: ['containerPort', 'protocol'] });
  t.same(patchMeta('V1Container', 'volumeMounts'), { strategy: 'merge', mergeKey: 'mountPath', listType: 'map', listMapKeys: ['mountPath'] });
  t.same(patchMeta('V1Container', 'args'), { listType: 'atomic' });
  t.same(patchMeta('V1ObjectMeta', 'ownerReferences'), { strategy: 'merge', mergeKey: 'uid', listType: 'map', listMapKeys: ['uid'] });
  t.same(patchMeta('V1ObjectMeta', 'finalizers'), { strategy: 'merge', listType: 'set' });
  t.same(patchMeta('V1PodStatus', 'conditions'), { strategy: 'merge', mergeKey: 'type', listType: 'map', listMapKeys: ['type'] });
  t.same(patchMeta('V1DeploymentStatus', 'conditions'), { strategy: 'merge', mergeKey: 'type', listType: 'map', listMapKeys: ['type'] });
  t.same(patchMeta('V1DeploymentSpec', 'strategy'), { strategy: 'retainKeys' });
  t.same(patchMeta('V1ServiceSpec', 'ports'), { strategy: 'merge', mergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'] });
  t.same(patchMeta('V1PodSpec', 'nodeSelector'), { mapType: 'atomic' });
  t.same(patchMeta('V1PodSpec', 'tolerations'), { listType: 'atomic' });
  t.equal(patchMeta('V1PodSpec', 'hostname'), undefined);
  t.equal(patchMeta('V1NoSuchModel', 'x'), undefined);
  t.equal(structMapType('V1LabelSelector'), 'atomic');
  t.equal(structMapType('V1ObjectReference'), 'atomic');
  t.equal(structMapType('V1PodSpec'), undefined);
  // The table only names fields that exist.
  for (const model of ['V1PodSpec', 'V1Container', 'V1ObjectMeta', 'V1ServiceSpec', 'V1StatefulSetSpec']) {
    const info = modelInfo(model)!;
    for (const f of ['containers', 'env', 'ownerReferences', 'ports', 'volumeClaimTemplates']) {
      if (patchMeta(model, f)) t.ok(info.byName.has(f), `${model}.${f}`);
    }
  }
});
