// metadata.managedFields for Update operations: field sets of creates, ownership moving on updates, removed
// fields leaving every manager, FieldsV1 serialization as upstream writes it.
import t from 'tap';
import {
  compare,
  createdFields,
  difference,
  fromFieldsV1,
  managedFieldsForCreate,
  managedFieldsForUpdate,
  managerName,
  toFieldsV1,
  union,
  type ManagedFieldsEntry,
  type WriteInfo,
} from '../../apiserver/handlers/managed-fields.js';
import type { KubeObject } from '../../apiserver/registry/types.js';

const w = (manager: string, time = '2026-01-01T00:00:00Z', extra: Partial<WriteInfo> = {}): WriteInfo => ({
  manager,
  apiVersion: 'v1',
  time,
  model: 'V1ConfigMap',
  ...extra,
});

t.test('manager names', async (t) => {
  const cases: Array<[string | null, string | undefined, string]> = [
    ['kubectl-create', 'kubectl/v1.32.4 (linux/amd64) kubernetes/abc', 'kubectl-create'],
    [null, 'kubectl/v1.32.4 (linux/amd64) kubernetes/abc', 'kubectl'],
    ['', 'Go-http-client/1.1', 'Go-http-client'],
    [null, 'curl', 'curl'],
    [null, undefined, ''],
  ];
  for (const [fm, ua, want] of cases) t.equal(managerName(fm, ua), want, `${fm} ${ua}`);
});

t.test('fields of a create', async (t) => {
  const cases: Array<{ name: string; obj: KubeObject; info: Partial<WriteInfo>; want: Record<string, unknown> }> = [
    {
      name: 'kubectl create configmap',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', uid: 'u', creationTimestamp: 'now' }, data: { a: 'b' } },
      info: { model: 'V1ConfigMap' },
      want: { 'f:data': { '.': {}, 'f:a': {} } },
    },
    {
      name: 'labels and annotations',
      obj: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: { app: 'a' }, annotations: { n: '1' } } },
      info: { model: 'V1ConfigMap' },
      want: { 'f:metadata': { 'f:annotations': { '.': {}, 'f:n': {} }, 'f:labels': { '.': {}, 'f:app': {} } } },
    },
    {
      name: 'a deployment: value structs without `.`, keyed containers, atomic selector, set of finalizers',
      obj: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd', finalizers: ['a/b'] },
        spec: {
          replicas: 1,
          selector: { matchLabels: { app: 'd' } },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
          template: {
            metadata: { labels: { app: 'd' } },
            spec: {
              containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {} }],
              nodeSelector: { a: 'b' },
            },
          },
        },
        status: { replicas: 1 },
      },
      info: { model: 'V1Deployment', hasStatus: true },
      want: {
        'f:metadata': { 'f:finalizers': { '.': {}, 'v:"a/b"': {} } },
        'f:spec': {
          'f:replicas': {},
          'f:selector': {},
          'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} },
          'f:template': {
            'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
            'f:spec': {
              'f:containers': {
                'k:{"name":"c"}': {
                  '.': {},
                  'f:image': {},
                  'f:name': {},
                  'f:ports': { '.': {}, 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} } },
                  'f:resources': {},
                },
              },
              'f:nodeSelector': {},
            },
          },
        },
      },
    },
    {
      name: 'atomic lists are leaves; an unknown model is walked as plain maps',
      obj: { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 't' }, spec: { list: [{ a: 1 }], m: { k: 'v' } } },
      info: { model: 'ExampleThing' },
      want: { 'f:spec': { '.': {}, 'f:list': {}, 'f:m': { '.': {}, 'f:k': {} } } },
    },
    {
      name: 'status subresource tracks only status',
      obj: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', labels: { a: 'b' } }, spec: { replicas: 1 }, status: { replicas: 2 } },
      info: { model: 'V1Deployment', hasStatus: true, subresource: 'status' },
      want: { 'f:status': { 'f:replicas': {} } },
    },
  ];
  for (const c of cases) t.same(toFieldsV1(createdFields(c.obj, c.info)), c.want, c.name);
  t.same(managedFieldsForCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, w('m')), [], 'nothing tracked: no entry');
  t.same(managedFieldsForCreate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', managedFields: [{ manager: 'evil' }] }, data: { a: 'b' } }, w('kubectl-create')), [
    { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {} } } },
  ]);
});

t.test('set algebra and FieldsV1 round trip', async (t) => {
  const a = fromFieldsV1({ 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} } });
  const b = fromFieldsV1({ 'f:data': { 'f:b': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } });
  t.same(toFieldsV1(union(a, b)), { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:labels': { 'f:x': {} } } });
  t.same(toFieldsV1(difference(a, b)), { 'f:data': { '.': {}, 'f:a': {} } });
  t.same(toFieldsV1(difference(b, a)), { 'f:metadata': { 'f:labels': { 'f:x': {} } } });
  const c = compare({ data: { a: '1', b: '2' } }, { data: { a: '1', b: '3', c: '4' } }, 'V1ConfigMap');
  t.same(toFieldsV1(c.added), { 'f:data': { 'f:c': {} } });
  t.same(toFieldsV1(c.modified), { 'f:data': { 'f:b': {} } });
  t.same(toFieldsV1(c.removed), {});
  const gone = compare({ data: { a: '1' } }, {}, 'V1ConfigMap');
  t.same(toFieldsV1(gone.removed), { 'f:data': { '.': {}, 'f:a': {} } });
});

t.test('updates', async (t) => {
  const base = (extra: Partial<KubeObject> = {}, managed?: ManagedFieldsEntry[]): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    ...extra,
    metadata: { name: 'x', namespace: 'default', resourceVersion: '5', ...(extra.metadata ?? {}), ...(managed ? { managedFields: managed as never } : {}) },
  });
  const created = managedFieldsForCreate(base({ data: { a: 'b' } }), w('kubectl-create', '2026-01-01T00:00:00Z'));

  const labelled = managedFieldsForUpdate(base({ data: { a: 'b' } }, created), base({ data: { a: 'b' }, metadata: { labels: { k: 'v' } } }), w('kubectl-label', '2026-01-01T00:00:05Z'));
  t.same(
    labelled.map((e) => [e.manager, e.time, e.fieldsV1]),
    [
      ['kubectl-create', '2026-01-01T00:00:00Z', { 'f:data': { '.': {}, 'f:a': {} } }],
      ['kubectl-label', '2026-01-01T00:00:05Z', { 'f:metadata': { 'f:labels': { '.': {}, 'f:k': {} } } }],
    ],
    'a label adds an entry',
  );

  const edited = managedFieldsForUpdate(
    base({ data: { a: 'b' }, metadata: { labels: { k: 'v' } } }, labelled),
    base({ data: { a: 'c', n: 'm' }, metadata: { labels: { k: 'v' } } }),
    w('kubectl-create', '2026-01-01T00:00:09Z'),
  );
  t.same(
    edited.map((e) => [e.manager, e.time, e.fieldsV1]),
    [
      ['kubectl-label', '2026-01-01T00:00:05Z', { 'f:metadata': { 'f:labels': { '.': {}, 'f:k': {} } } }],
      ['kubectl-create', '2026-01-01T00:00:09Z', { 'f:data': { '.': {}, 'f:a': {}, 'f:n': {} } }],
    ],
    'same manager: entries merged, time updated, sorted by time',
  );

  const taken = managedFieldsForUpdate(base({ data: { a: 'b', z: '1' } }, created), base({ data: { a: 'c', z: '1' } }), w('editor'));
  t.same(
    taken.map((e) => [e.manager, e.fieldsV1]),
    [
      ['editor', { 'f:data': { 'f:a': {} } }],
      ['kubectl-create', { 'f:data': {} }],
    ],
    'a changed field moves to the writer',
  );

  const unlabelled = managedFieldsForUpdate(
    base({ data: { a: 'b' }, metadata: { labels: { k: 'v' } } }, labelled),
    base({ data: { a: 'b' } }),
    w('kubectl-label', '2026-01-01T00:00:10Z'),
  );
  t.same(unlabelled.map((e) => e.manager), ['kubectl-create'], 'removed fields leave every manager; an empty manager is dropped');

  const replaced = managedFieldsForUpdate(
    base({ data: { a: 'b' }, metadata: { labels: { k: 'v' } } }, labelled),
    base({ data: { a: 'b' }, metadata: { labels: { k: 'v' }, managedFields: [{ ...labelled[1]!, manager: 'kubectl', operation: 'Apply' }] as never } }),
    w('kubectl', '2026-01-01T00:00:11Z'),
  );
  t.same(
    replaced.map((e) => [e.manager, e.operation, e.fieldsV1]),
    [['kubectl', 'Apply', { 'f:metadata': { 'f:labels': { '.': {}, 'f:k': {} } } }]],
    'managedFields sent by the client replace the stored ones (csaupgrade)',
  );
  for (const reset of [[], [{}]]) {
    const cleared = managedFieldsForUpdate(
      base({ data: { a: 'b' } }, created),
      base({ data: { a: 'b' }, metadata: { managedFields: reset as never } }),
      w('kubectl-edit', '2026-01-01T00:00:12Z'),
    );
    t.same(cleared, [], `${JSON.stringify(reset)} resets managedFields`);
  }
  const invalidSent = managedFieldsForUpdate(
    base({ data: { a: 'b' } }, created),
    base({ data: { a: 'b' }, metadata: { managedFields: [{ manager: 'x', operation: 'Bogus' }] as never } }),
    w('kubectl-edit'),
  );
  t.same(invalidSent, created, 'entries that do not decode leave the stored ones in place');

  const noop = managedFieldsForUpdate(base({ data: { a: 'b' } }, created), base({ data: { a: 'b' } }), w('other'));
  t.same(noop, created, 'an update that changes nothing adds no entry');

  const subres = managedFieldsForUpdate(
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1 }, status: {} },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 1 }, status: { readyReplicas: 1 } },
    w('controller', '2026-01-01T00:00:00Z', { apiVersion: 'apps/v1', model: 'V1Deployment', hasStatus: true, subresource: 'status' }),
  );
  t.same(subres, [
    { manager: 'controller', operation: 'Update', apiVersion: 'apps/v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:readyReplicas': {} } }, subresource: 'status' },
  ]);
});

t.test('empty maps and lists of typed objects count as absent (omitempty)', async (t) => {
  const c = compare({ metadata: { labels: { k: 'v' }, finalizers: ['x'] } }, { metadata: { labels: {}, finalizers: [] } }, 'V1ConfigMap');
  t.same(toFieldsV1(c.removed), { 'f:metadata': { 'f:finalizers': { '.': {}, 'v:"x"': {} }, 'f:labels': { '.': {}, 'f:k': {} } } });
  t.same(toFieldsV1(createdFields({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', labels: {} }, data: {} }, { model: 'V1ConfigMap' })), {});
});
