// CustomResourceDefinitions served live: discovery, OpenAPI, CRUD, schema validation, pruning, defaults,
// printer columns, versions, status and scale subresources, CRD conditions and deletion.
import t from 'tap';
import { until as pollUntil } from '../helpers/until.js';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

const schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['cronSpec', 'image'],
      properties: {
        cronSpec: { type: 'string', pattern: '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$', description: 'When to run, in cron syntax.' },
        image: { type: 'string', minLength: 1 },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        color: { type: 'string', enum: ['red', 'blue'] },
        size: { 'x-kubernetes-int-or-string': true },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        settings: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    },
    status: { type: 'object', properties: { replicas: { type: 'integer' }, selector: { type: 'string' } } },
  },
};

const crd = (versions: Array<Record<string, unknown>>) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com',
    scope: 'Namespaced',
    names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
    versions,
  },
});

const v1 = {
  name: 'v1',
  served: true,
  storage: true,
  schema: { openAPIV3Schema: schema },
  subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas', labelSelectorPath: '.status.selector' } },
  additionalPrinterColumns: [
    { name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' },
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
};
const v1beta1 = { ...v1, name: 'v1beta1', storage: false, deprecated: true };

const base = '/apis/stable.example.com/v1/namespaces/default/crontabs';
const tab = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name }, spec });

const until = <T>(f: () => Promise<T | undefined>, ms = 1000) => pollUntil(f, ms);

t.test('a CRD is established and served within a second', async (t) => {
  const created = await api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd([v1, v1beta1]));
  t.equal(created.status, 201, created.text);
  t.equal(created.json.spec.names.listKind, 'CronTabList', 'listKind defaulted');
  const started = Date.now();
  const list = await until(async () => {
    const r = await api.call('GET', '/apis/stable.example.com/v1');
    return r.status === 200 ? r.json : undefined;
  });
  t.ok(list, 'the group-version is discoverable');
  t.ok(Date.now() - started < 1000);
  const res = list.resources.find((r: { name: string }) => r.name === 'crontabs');
  t.match(res, { kind: 'CronTab', namespaced: true, shortNames: ['ct'], singularName: 'crontab' });
  t.ok(list.resources.find((r: { name: string }) => r.name === 'crontabs/status'));
  t.ok(list.resources.find((r: { name: string }) => r.name === 'crontabs/scale'));
  const groups = await api.call('GET', '/apis');
  const group = groups.json.groups.find((g: { name: string }) => g.name === 'stable.example.com');
  t.same(group.versions.map((v: { version: string }) => v.version), ['v1', 'v1beta1'], 'versions in priority order');
  const status = await until(async () => {
    const r = await api.call('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.stable.example.com');
    return r.json.status?.conditions?.length ? r.json.status : undefined;
  });
  t.match(status.conditions, [
    { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
    { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
  ]);
  t.same(status.storedVersions, ['v1']);
  t.match(status.acceptedNames, { plural: 'crontabs', kind: 'CronTab', listKind: 'CronTabList', singular: 'crontab' });
});

t.test('OpenAPI v3 carries the schema', async (t) => {
  const index = await api.call('GET', '/openapi/v3');
  const url = index.json.paths['apis/stable.example.com/v1']?.serverRelativeURL;
  t.ok(url);
  const doc = await api.call('GET', url);
  const s = doc.json.components.schemas['com.example.stable.v1.CronTab'];
  t.match(s.properties.spec.properties.cronSpec, { type: 'string', description: 'When to run, in cron syntax.' });
  t.same(s['x-kubernetes-group-version-kind'], [{ group: 'stable.example.com', version: 'v1', kind: 'CronTab' }]);
  t.ok(doc.json.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}']);
});

t.test('valid objects are accepted and defaulted; unknown fields follow fieldValidation', async (t) => {
  const ok = await api.call('POST', base, tab('a', { cronSpec: '* * * * */5', image: 'img', size: '10Gi', settings: { x: 'y' }, raw: { any: { thing: 1 } } }));
  t.equal(ok.status, 201, ok.text);
  t.equal(ok.json.spec.replicas, 1, 'default from the schema');
  t.same(ok.json.spec.raw, { any: { thing: 1 } }, 'preserve-unknown-fields keeps everything');
  t.equal(ok.json.metadata.generation, 1);

  const strict = await api.call('POST', `${base}?fieldValidation=Strict`, tab('b', { cronSpec: '* * * * *', image: 'i', colour: 'red' }));
  t.equal(strict.status, 400);
  t.equal(strict.json.message, 'CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.colour"');

  const warn = await api.call('POST', `${base}?fieldValidation=Warn`, tab('b', { cronSpec: '* * * * *', image: 'i', colour: 'red' }));
  t.equal(warn.status, 201);
  t.match(String(warn.headers.warning), /unknown field \\"spec.colour\\"/);
  t.notOk('colour' in warn.json.spec, 'pruned');
});

t.test('invalid objects are refused with upstream field paths and messages', async (t) => {
  const bad = await api.call(
    'POST',
    base,
    tab('bad', { cronSpec: 'nope', replicas: 20, color: 'pink', size: true, tags: ['a', 'b', 'c'], settings: { k: 1 } }),
  );
  t.equal(bad.status, 422, bad.text);
  t.equal(bad.json.reason, 'Invalid');
  const causes = bad.json.details.causes.map((c: { field: string; message: string }) => `${c.field}: ${c.message}`);
  t.same(causes.sort(), [
    "spec.color: Unsupported value: \"pink\": supported values: \"red\", \"blue\"",
    "spec.cronSpec: Invalid value: \"nope\": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'",
    'spec.image: Required value',
    'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10',
    'spec.settings.k: Invalid value: "integer": spec.settings.k in body must be of type string: "integer"',
    'spec.size: Invalid value: "boolean": spec.size in body must be of type integer,string: "boolean"',
    'spec.tags: Too many: 3: must have at most 2 items',
  ]);
  t.match(bad.json.message, /^CronTab\.stable\.example\.com "bad" is invalid: \[/);
  const wrongType = await api.call('POST', base, tab('w', { cronSpec: '* * * * *', image: 'i', replicas: 'two' }));
  t.equal(wrongType.status, 422);
  t.same(wrongType.json.details.causes, [
    { reason: 'FieldValueTypeInvalid', field: 'spec.replicas', message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"' },
  ]);
});

t.test('tables use the printer columns', async (t) => {
  const table = await api.call('GET', base, undefined, { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
  t.same(table.json.columnDefinitions.map((c: { name: string }) => c.name), ['Name', 'Spec', 'Replicas', 'Age']);
  const row = table.json.rows.find((r: { cells: unknown[] }) => r.cells[0] === 'a');
  t.equal(row.cells[1], '* * * * */5');
  t.equal(row.cells[2], 1);
});

t.test('status and scale subresources', async (t) => {
  const put = await api.call('PUT', `${base}/a/status`, { ...tab('a', { cronSpec: '* * * * *', image: 'x' }), status: { replicas: 3, selector: 'app=a' } });
  t.equal(put.status, 200, put.text);
  t.equal(put.json.status.replicas, 3);
  t.equal(put.json.spec.image, 'img', 'a status write leaves spec alone');
  const scale = await api.call('GET', `${base}/a/scale`);
  t.match(scale.json, { kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 1 }, status: { replicas: 3, selector: 'app=a' } });
  const patched = await api.call('PATCH', `${base}/a/scale`, { spec: { replicas: 4 } }, { 'content-type': 'application/merge-patch+json' });
  t.equal(patched.status, 200, patched.text);
  const got = await api.call('GET', `${base}/a`);
  t.equal(got.json.spec.replicas, 4);
  t.equal(got.json.metadata.generation, 2);
  t.equal(got.json.status.replicas, 3);
});

t.test('every served version reads the same objects', async (t) => {
  const beta = await api.call('GET', '/apis/stable.example.com/v1beta1/namespaces/default/crontabs/a');
  t.equal(beta.status, 200);
  t.equal(beta.json.apiVersion, 'stable.example.com/v1beta1');
  t.match(String(beta.headers.warning), /stable\.example\.com\/v1beta1 CronTab is deprecated/);
  const list = await api.call('GET', '/apis/stable.example.com/v1beta1/crontabs');
  t.equal(list.json.kind, 'CronTabList');
  t.ok(list.json.items.every((i: { apiVersion: string }) => i.apiVersion === 'stable.example.com/v1beta1'));
});

t.test('bad CRDs are refused', async (t) => {
  const bad = crd([{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { properties: {} } } } } }]);
  bad.metadata.name = 'wrong.stable.example.com';
  const r = await api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', bad);
  t.equal(r.status, 422);
  const causes = r.json.details.causes.map((c: { field: string; message: string }) => `${c.field}: ${c.message}`);
  t.ok(causes.includes('metadata.name: Invalid value: "wrong.stable.example.com": must be spec.names.plural+"."+spec.group'), causes.join('\n'));
  t.ok(causes.includes('spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields'));
});

t.test('deleting a CRD removes its objects and stops serving it', async (t) => {
  const del = await api.call('DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.stable.example.com');
  t.ok(del.status === 200 || del.status === 202, del.text);
  const gone = await until(async () => {
    const r = await api.call('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/crontabs.stable.example.com');
    return r.status === 404 ? true : undefined;
  }, 3000);
  t.ok(gone, 'the CRD left after its cleanup');
  t.equal((await api.call('GET', base)).status, 404);
  // Recreated, it starts empty.
  t.equal((await api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd([v1]))).status, 201);
  const items = await until(async () => {
    const r = await api.call('GET', base);
    return r.status === 200 ? r.json.items : undefined;
  });
  t.same(items, []);
});

t.test('a default the CRD gains later shows on objects stored before', async (t) => {
  const plain = crd([{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }]);
  plain.metadata.name = 'gadgets.stable.example.com';
  plain.spec.names = { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', shortNames: [] };
  t.equal((await api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', plain)).status, 201);
  const path = '/apis/stable.example.com/v1/namespaces/default/gadgets';
  const made = await until(async () => {
    const r = await api.call('POST', path, { apiVersion: 'stable.example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: {} });
    return r.status === 201 ? r.json : undefined;
  });
  t.same(made.spec, {});
  const current = (await api.call('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.stable.example.com')).json;
  current.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.default = 3;
  t.equal((await api.call('PUT', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.stable.example.com', current)).status, 200);
  const size = await until(async () => (await api.call('GET', `${path}/g`)).json.spec.size);
  t.equal(size, 3);
  const listed = await api.call('GET', path);
  t.equal(listed.json.items[0].spec.size, 3);
});

t.test('server-side apply follows the CRD schema: list-map merge by key, atomic lists, conflicts', async (t) => {
  const shapes = crd([
    {
      name: 'v1',
      served: true,
      storage: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object',
              properties: {
                ports: {
                  type: 'array',
                  'x-kubernetes-list-type': 'map',
                  'x-kubernetes-list-map-keys': ['name'],
                  items: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, port: { type: 'integer' } } },
                },
                args: { type: 'array', items: { type: 'string' } },
              },
            },
          },
        },
      },
    },
  ]);
  shapes.metadata.name = 'routers.stable.example.com';
  shapes.spec.names = { plural: 'routers', singular: 'router', kind: 'Router', shortNames: [] };
  t.equal((await api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', shapes)).status, 201);
  const path = '/apis/stable.example.com/v1/namespaces/default/routers/r';
  const apply = (manager: string, spec: unknown, force = false) =>
    api.call('PATCH', `${path}?fieldManager=${manager}${force ? '&force=true' : ''}`, JSON.stringify({ apiVersion: 'stable.example.com/v1', kind: 'Router', metadata: { name: 'r' }, spec }), {
      'content-type': 'application/apply-patch+yaml',
    });
  const first = await until(async () => {
    const r = await apply('a', { ports: [{ name: 'http', port: 80 }], args: ['x'] });
    return r.status === 201 ? r : undefined;
  });
  t.ok(first, 'created by apply');
  const second = await apply('b', { ports: [{ name: 'https', port: 443 }] });
  t.equal(second.status, 200, second.text);
  t.same(second.json.spec.ports, [{ name: 'http', port: 80 }, { name: 'https', port: 443 }], 'items merged by their key');
  const conflict = await apply('b', { ports: [{ name: 'http', port: 8080 }, { name: 'https', port: 443 }] });
  t.equal(conflict.status, 409);
  t.match(conflict.json.message, /^Apply failed with 1 conflict: conflict with "a": \.spec\.ports\[name="http"\]\.port$/);
  const atomic = await apply('b', { ports: [{ name: 'https', port: 443 }], args: ['y'] });
  t.equal(atomic.status, 409, 'an atomic list is owned whole');
  t.match(atomic.json.message, /\.spec\.args/);
});
