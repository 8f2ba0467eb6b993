// Server-side apply against an in-process apiserver: create by apply, conflicts as upstream words them, force,
// removal of fields a manager stops applying, shared ownership, associative lists, objects without a model,
// Update managers, managedFields written by clients; plus the pure core with a resource-provided shape.
import t from 'tap';
import { applyConfiguration } from '../../apiserver/apply/apply.js';
import { DEDUCED, rootShape, SCALAR, type Shape } from '../../apiserver/apply/schema.js';
import { startTestApi, type TestApi } from '../helpers/in-process-api.js';

const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const MERGE = { 'content-type': 'application/merge-patch+json' };
const JSON_PATCH = { 'content-type': 'application/json-patch+json' };
const CM = '/api/v1/namespaces/default/configmaps';
const DEPLOY = '/apis/apps/v1/namespaces/default/deployments';
let api: TestApi;
t.before(async () => {
  api = await startTestApi();
});
t.teardown(() => api.close());

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time?: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}
const owners = (obj: { metadata: { managedFields?: Entry[] } }) =>
  Object.fromEntries((obj.metadata.managedFields ?? []).map((e) => [`${e.manager}/${e.operation}`, e.fieldsV1]));
const apply = (path: string, manager: string, body: unknown, extra = '') => api.call('PATCH', `${path}?fieldManager=${manager}${extra}`, body, APPLY);
const cm = (name: string, data: Record<string, string>, labels?: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, ...(labels ? { labels } : {}) },
  data,
});
const deployment = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec }, ...('replicas' in spec ? {} : {}) },
});

t.test('create by apply records an Apply entry', async (t) => {
  const r = await apply(`${DEPLOY}/web`, 'a', {
    ...deployment('web', { containers: [{ name: 'nginx', image: 'nginx:1', ports: [{ containerPort: 80 }] }] }),
    status: { replicas: 9 },
  });
  t.equal(r.status, 201);
  t.equal(r.json.metadata.managedFields.length, 1);
  t.match(r.json.metadata.managedFields[0], { manager: 'a', operation: 'Apply', apiVersion: 'apps/v1', time: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, fieldsType: 'FieldsV1' });
  t.same(r.json.metadata.managedFields[0].fieldsV1, {
    'f:spec': {
      'f:selector': {},
      'f:template': {
        'f:metadata': { 'f:labels': { 'f:app': {} } },
        'f:spec': {
          'f:containers': {
            'k:{"name":"nginx"}': {
              '.': {},
              'f:image': {},
              'f:name': {},
              'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
            },
          },
        },
      },
    },
  });
  t.equal(r.json.spec.replicas, 1, 'defaults apply');
  t.notOk(r.json.status?.replicas, 'status is not set through the main resource');
  const again = await apply(`${DEPLOY}/web`, 'a', deployment('web', { containers: [{ name: 'nginx', image: 'nginx:1', ports: [{ containerPort: 80 }] }] }));
  t.equal(again.status, 200);
  t.equal(again.json.metadata.resourceVersion, r.json.metadata.resourceVersion, 're-applying the same configuration writes nothing');
});

t.test('a second manager changing a field conflicts; force takes it', async (t) => {
  t.equal((await apply(`${CM}/c1`, 'a', cm('c1', { x: '1', y: '2' }, { team: 'a' }))).status, 201);
  const r = await apply(`${CM}/c1`, 'b', cm('c1', { x: '2' }));
  t.equal(r.status, 409);
  t.same(r.json, {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'Apply failed with 1 conflict: conflict with "a": .data.x',
    reason: 'Conflict',
    details: { causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "a"', field: '.data.x' }] },
    code: 409,
  });
  const many = await apply(`${CM}/c1`, 'b', cm('c1', { x: '2', y: '3' }, { team: 'b' }));
  t.equal(many.status, 409);
  t.equal(many.json.message, 'Apply failed with 3 conflicts: conflicts with "a":\n- .data.x\n- .data.y\n- .metadata.labels.team');
  t.same(
    many.json.details.causes.map((c: { field: string }) => c.field),
    ['.data.x', '.data.y', '.metadata.labels.team'],
  );

  const forced = await apply(`${CM}/c1`, 'b', cm('c1', { x: '2' }), '&force=true');
  t.equal(forced.status, 200);
  t.same(forced.json.data, { x: '2', y: '2' });
  t.same(owners(forced.json), {
    'a/Apply': { 'f:data': { 'f:y': {} }, 'f:metadata': { 'f:labels': { 'f:team': {} } } },
    'b/Apply': { 'f:data': { 'f:x': {} } },
  });
  // a no longer owns x: applying without it leaves b's value alone.
  const back = await apply(`${CM}/c1`, 'a', cm('c1', { y: '2' }, { team: 'a' }));
  t.equal(back.status, 200);
  t.same(back.json.data, { x: '2', y: '2' });
});

t.test('a manager that stops applying a field removes it unless someone else owns it', async (t) => {
  await apply(`${CM}/c2`, 'a', cm('c2', { keep: '1', drop: '2', shared: '3' }, { l: 'v' }));
  const shared = await apply(`${CM}/c2`, 'b', cm('c2', { shared: '3' }));
  t.equal(shared.status, 200, 'applying the same value is no conflict');
  t.same(owners(shared.json), {
    'a/Apply': { 'f:data': { 'f:drop': {}, 'f:keep': {}, 'f:shared': {} }, 'f:metadata': { 'f:labels': { 'f:l': {} } } },
    'b/Apply': { 'f:data': { 'f:shared': {} } },
  });
  t.notOk(shared.json.metadata.managedFields.find((e: Entry) => e.manager === 'b').time, 'an apply that changes nothing has no time, as upstream');
  const r = await apply(`${CM}/c2`, 'a', cm('c2', { keep: '1' }));
  t.same(r.json.data, { keep: '1', shared: '3' }, 'drop removed; shared stays with b');
  t.notOk(r.json.metadata.labels, 'the label goes too');
  t.same(owners(r.json), { 'a/Apply': { 'f:data': { 'f:keep': {} } }, 'b/Apply': { 'f:data': { 'f:shared': {} } } });
});

t.test('associative lists merge by key: containers by name, ports by containerPort and protocol', async (t) => {
  await apply(`${DEPLOY}/lists`, 'a', deployment('lists', { containers: [{ name: 'app', image: 'app:1', ports: [{ containerPort: 80 }] }] }));
  const r = await apply(`${DEPLOY}/lists`, 'b', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'lists' },
    spec: {
      template: {
        spec: {
          containers: [
            { name: 'app', ports: [{ containerPort: 443 }, { containerPort: 53, protocol: 'UDP' }] },
            { name: 'sidecar', image: 'side:1' },
          ],
        },
      },
    },
  });
  t.equal(r.status, 200);
  const containers = r.json.spec.template.spec.containers;
  t.same(
    containers.map((c: { name: string }) => c.name),
    ['app', 'sidecar'],
  );
  t.same(
    containers[0].ports.map((p: { containerPort: number; protocol: string }) => `${p.containerPort}/${p.protocol}`),
    ['80/TCP', '443/TCP', '53/UDP'],
  );
  t.equal(containers[0].image, 'app:1');
  t.same(owners(r.json)['b/Apply'], {
    'f:spec': {
      'f:template': {
        'f:spec': {
          'f:containers': {
            'k:{"name":"app"}': {
              '.': {},
              'f:name': {},
              'f:ports': {
                'k:{"containerPort":443,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
                'k:{"containerPort":53,"protocol":"UDP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
              },
            },
            'k:{"name":"sidecar"}': { '.': {}, 'f:image': {}, 'f:name': {} },
          },
        },
      },
    },
  });
  // a drops its port 80: gone; b's ports stay.
  const dropped = await apply(`${DEPLOY}/lists`, 'a', deployment('lists', { containers: [{ name: 'app', image: 'app:1' }] }));
  t.same(
    dropped.json.spec.template.spec.containers[0].ports.map((p: { containerPort: number }) => p.containerPort),
    [443, 53],
  );
  const dup = await apply(`${DEPLOY}/lists`, 'a', deployment('lists', { containers: [{ name: 'app', image: 'a' }, { name: 'app', image: 'b' }] }));
  t.equal(dup.status, 500);
  t.equal(
    dup.json.message,
    'failed to create typed patch object (default/lists; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="app"]',
  );
});

t.test('an Update manager (kubectl edit, kubectl scale) conflicts with a later apply', async (t) => {
  await apply(`${DEPLOY}/upd`, 'a', { ...deployment('upd', { containers: [{ name: 'c', image: 'c:1' }] }), spec: { ...deployment('upd', { containers: [{ name: 'c', image: 'c:1' }] }).spec, replicas: 1 } });
  const edited = await api.call('PATCH', `${DEPLOY}/upd?fieldManager=kubectl-edit`, { spec: { replicas: 3 } }, MERGE);
  t.equal(edited.status, 200);
  t.same(owners(edited.json)['kubectl-edit/Update'], { 'f:spec': { 'f:replicas': {} } });
  t.notOk((owners(edited.json)['a/Apply'] as { 'f:spec': Record<string, unknown> })['f:spec']['f:replicas'], 'the updater took replicas from the applier');
  const spec = { ...deployment('upd', { containers: [{ name: 'c', image: 'c:1' }] }).spec, replicas: 1 };
  const r = await apply(`${DEPLOY}/upd`, 'a', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'upd' }, spec });
  t.equal(r.status, 409);
  t.equal(r.json.message, 'Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas');
  t.same(r.json.details.causes, [{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-edit" using apps/v1', field: '.spec.replicas' }]);
  const scaled = await api.call('PATCH', `${DEPLOY}/upd/scale?fieldManager=kubectl-scale`, { spec: { replicas: 4 } }, MERGE);
  t.equal(scaled.status, 200);
  const again = await apply(`${DEPLOY}/upd`, 'a', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'upd' }, spec });
  t.equal(again.json.message, 'Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas');
  const kept = await apply(`${DEPLOY}/upd`, 'a', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'upd' }, spec: { ...spec, replicas: 4 } });
  t.equal(kept.status, 200, 'agreeing with the updater is no conflict');
});

t.test('managedFields written by clients', async (t) => {
  await apply(`${CM}/mf`, 'a', cm('mf', { k: 'v' }));
  const got = (await api.call('GET', `${CM}/mf`)).json;
  const moved = got.metadata.managedFields.map((e: Entry) => ({ ...e, manager: 'kubectl' }));
  const stale = await api.call('PATCH', `${CM}/mf`, [
    { op: 'replace', path: '/metadata/managedFields', value: moved },
    { op: 'replace', path: '/metadata/resourceVersion', value: '1' },
  ], JSON_PATCH);
  t.equal(stale.status, 409, 'a JSON patch replacing resourceVersion is a precondition');
  t.match(stale.json.message, /the object has been modified/);
  const ok = await api.call('PATCH', `${CM}/mf`, [
    { op: 'replace', path: '/metadata/managedFields', value: moved },
    { op: 'replace', path: '/metadata/resourceVersion', value: got.metadata.resourceVersion },
  ], JSON_PATCH);
  t.equal(ok.status, 200);
  t.same(Object.keys(owners(ok.json)), ['kubectl/Apply'], 'the client-sent entries replace the stored ones');
  const reset = await api.call('PATCH', `${CM}/mf`, { metadata: { managedFields: [{}] } }, MERGE);
  t.equal(reset.status, 200);
  t.notOk(reset.json.metadata.managedFields, '[{}] resets managedFields');
  const badApply = await apply(`${CM}/mf`, 'a', { ...cm('mf', { k: 'v' }), metadata: { name: 'mf', managedFields: [] } });
  t.equal(badApply.status, 400);
  t.equal(badApply.json.message, 'metadata.managedFields must be nil');
});

t.test('request checks and dry run', async (t) => {
  const noManager = await api.call('PATCH', `${CM}/x`, cm('x', {}), APPLY);
  t.equal(noManager.status, 422);
  t.equal(noManager.json.message, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  t.same(noManager.json.details, {
    group: 'meta.k8s.io',
    kind: 'PatchOptions',
    causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
  });
  await apply(`${CM}/x`, 'a', cm('x', { a: '1' }));
  const force = await api.call('PATCH', `${CM}/x?force=true`, { data: { a: '2' } }, MERGE);
  t.equal(force.status, 422);
  t.equal(force.json.message, 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  const wrongKind = await apply(`${CM}/x`, 'a', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } });
  t.equal(wrongKind.status, 400);
  t.equal(wrongKind.json.message, 'invalid object type: /v1, Kind=Secret');
  const dry = await apply(`${CM}/x`, 'a', cm('x', { a: '9' }), '&dryRun=All');
  t.equal(dry.status, 200);
  t.equal(dry.json.data.a, '9');
  const dryCreate = await apply(`${CM}/dry`, 'a', cm('dry', { a: '9' }), '&dryRun=All');
  t.equal(dryCreate.status, 201);
  t.equal((await api.call('GET', `${CM}/x`)).json.data.a, '1', 'dry run stores nothing');
  t.equal((await api.call('GET', `${CM}/dry`)).status, 404);
});

t.test('objects without a model: maps granular, lists atomic; a resource may bring its own shapes', async (t) => {
  const base = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default', labels: { a: 'b' } } };
  const shape = rootShape('ExampleWidget');
  const created = applyConfiguration({
    live: undefined,
    config: { ...base, spec: { size: 1, tags: ['x', 'y'], nested: { k: 'v' } } },
    shape,
    manager: 'a',
    apiVersion: 'example.com/v1',
    time: '2026-01-01T00:00:00Z',
    force: false,
  });
  if (!created.ok) throw new Error('create failed');
  t.same(created.managedFields[0]!.fieldsV1, {
    'f:metadata': { 'f:labels': { 'f:a': {} } },
    'f:spec': { '.': {}, 'f:nested': { '.': {}, 'f:k': {} }, 'f:size': {}, 'f:tags': {} },
  });
  const live = { ...created.object, metadata: { ...created.object.metadata, managedFields: created.managedFields } };
  const other = applyConfiguration({
    live,
    config: { ...base, metadata: { name: 'w' }, spec: { tags: ['z'], nested: { j: 'w' } } },
    shape,
    manager: 'b',
    apiVersion: 'example.com/v1',
    time: '2026-01-01T00:00:01Z',
    force: false,
  });
  t.notOk(other.ok);
  if (!other.ok && 'conflicts' in other) t.same(other.conflicts.map((c) => c.path), [['f:spec', 'f:tags']], 'the atomic list conflicts, the map merges');

  const item: Shape = { kind: 'struct', field: (n) => (n === 'name' || n === 'port' ? SCALAR : undefined), element: () => DEDUCED };
  const custom: Shape = {
    kind: 'struct',
    field: (n) =>
      n === 'spec'
        ? { kind: 'struct', field: (f) => (f === 'ports' ? { kind: 'list', listType: 'map', keys: ['name'], element: () => item } : undefined), element: () => DEDUCED }
        : shape.field!(n),
    element: () => DEDUCED,
  };
  const one = applyConfiguration({
    live: undefined,
    config: { ...base, spec: { ports: [{ name: 'http', port: 80 }] } },
    shape: custom,
    manager: 'a',
    apiVersion: 'example.com/v1',
    time: '2026-01-01T00:00:00Z',
    force: false,
  });
  if (!one.ok) throw new Error('create failed');
  const two = applyConfiguration({
    live: { ...one.object, metadata: { ...one.object.metadata, managedFields: one.managedFields } },
    config: { ...base, spec: { ports: [{ name: 'https', port: 443 }] } },
    shape: custom,
    manager: 'b',
    apiVersion: 'example.com/v1',
    time: '2026-01-01T00:00:01Z',
    force: false,
  });
  if (!two.ok) throw new Error('second apply failed');
  t.same((two.object.spec as { ports: unknown[] }).ports, [{ name: 'http', port: 80 }, { name: 'https', port: 443 }], 'x-kubernetes-list-type: map merges by key');
  t.same(two.managedFields.find((e) => e.manager === 'b')!.fieldsV1, {
    'f:metadata': { 'f:labels': { 'f:a': {} } },
    'f:spec': { 'f:ports': { 'k:{"name":"https"}': { '.': {}, 'f:name': {}, 'f:port': {} } } },
  });
});

t.test('a custom resource is applied through the API', async (t) => {
  const crd = {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'gadgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  };
  const made = await api.call('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
  t.equal(made.status, 201);
  const path = '/apis/example.com/v1/namespaces/default/gadgets/g';
  let r = await apply(path, 'a', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { list: [1, 2], m: { a: 1 } } });
  for (let i = 0; i < 50 && r.status === 404; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    r = await apply(path, 'a', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { list: [1, 2], m: { a: 1 } } });
  }
  t.equal(r.status, 201);
  t.same(r.json.metadata.managedFields[0].fieldsV1, { 'f:spec': { '.': {}, 'f:list': {}, 'f:m': { '.': {}, 'f:a': {} } } });
  const b = await apply(path, 'b', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { m: { b: 2 } } });
  t.equal(b.status, 200);
  t.same(b.json.spec, { list: [1, 2], m: { a: 1, b: 2 } });
  const c = await apply(path, 'b', { apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: { list: [3] } });
  t.equal(c.status, 409);
  t.equal(c.json.message, 'Apply failed with 1 conflict: conflict with "a": .spec.list');
});
