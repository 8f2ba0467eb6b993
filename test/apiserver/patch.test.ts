// JSON patch, merge patch and strategic merge patch on real-looking objects, with the bodies kubectl sends
// (kubectl-contract §5) and upstream's status codes and messages for patches that do not apply.
import t from 'tap';
import { StatusError } from '../../apiserver/errors.js';
import {
  APPLY_PATCH_YAML,
  applyPatch,
  JSON_PATCH,
  MERGE_PATCH,
  patchFailureError,
  STRATEGIC_MERGE_PATCH,
  type ApplyPatchOptions,
  type PatchFailure,
} from '../../apiserver/patch/index.js';
import { applyJsonPatch, type JsonPatchOperation } from '../../apiserver/patch/json-patch.js';
import { mergePatch, mergePatchSharing } from '../../apiserver/patch/merge-patch.js';
import { createFieldTypeLookup, nestedField, parseTypeString } from '../../apiserver/patch/model-walker.js';
import {
  strategicMergePatch,
  type JsonObject,
  type PatchMeta,
  type PatchMetaLookup,
  type StrategicMergeResult,
} from '../../apiserver/patch/strategic-merge-patch.js';

// ---------------------------------------------------------------------------------------------------
// Fixtures

/** Patch metadata of the fields these tests touch, as the k8s.io/api struct tags declare it. */
const META: Record<string, Record<string, PatchMeta>> = {
  V1ObjectMeta: { finalizers: { strategy: 'merge' }, ownerReferences: { strategy: 'merge', mergeKey: 'uid' } },
  V1PodSpec: {
    containers: { strategy: 'merge', mergeKey: 'name' },
    initContainers: { strategy: 'merge', mergeKey: 'name' },
    volumes: { strategy: 'merge,retainKeys', mergeKey: 'name' },
    imagePullSecrets: { strategy: 'merge', mergeKey: 'name' },
  },
  V1Container: {
    ports: { strategy: 'merge', mergeKey: 'containerPort' },
    env: { strategy: 'merge', mergeKey: 'name' },
    volumeMounts: { strategy: 'merge', mergeKey: 'mountPath' },
  },
  V1ServiceSpec: { ports: { strategy: 'merge', mergeKey: 'port', listType: 'map', listMapKeys: ['port', 'protocol'] } },
  V1DeploymentSpec: { strategy: { strategy: 'retainKeys' } },
  V1DeploymentStatus: { conditions: { strategy: 'merge', mergeKey: 'type' } },
  V1PodStatus: { conditions: { strategy: 'merge', mergeKey: 'type' } },
};
const meta: PatchMetaLookup = (model, field) => META[model]?.[field];

function deployment() {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: '5b2f7d0e-1c3a-4d6e-9f00-0a1b2c3d4e5f',
      resourceVersion: '7',
      generation: 1,
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '1' },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'app',
              image: 'nginx:1.25',
              ports: [{ containerPort: 80, protocol: 'TCP' }],
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
              resources: {},
            },
            { name: 'sidecar', image: 'busybox:1.36', args: ['sleep', 'infinity'] },
          ],
          volumes: [{ name: 'data', emptyDir: {} }],
          tolerations: [{ key: 'a', operator: 'Exists' }],
          restartPolicy: 'Always',
        },
      },
    },
    status: {
      observedGeneration: 1,
      replicas: 2,
      conditions: [
        { type: 'Available', status: 'True' },
        { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' },
      ],
    },
  };
}
type Deployment = ReturnType<typeof deployment>;

function pod() {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p1', namespace: 'default', labels: { app: 'web' }, finalizers: ['a.example.com/x'] },
    spec: { containers: [{ name: 'app', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] }] },
    status: {
      phase: 'Pending',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'False' },
      ],
    },
  };
}

function service() {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }], type: 'ClusterIP' },
  };
}

/** A strategic merge patch of `patch` on `original` with the client-node model `model`; fails the test on error. */
function smp(original: object, patch: object, model: string): JsonObject {
  const r = strategicMergePatch(original as JsonObject, patch as JsonObject, { model, meta });
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r.object;
}

const smpResult = (original: object, patch: object, model = 'V1Deployment'): StrategicMergeResult =>
  strategicMergePatch(original as JsonObject, patch as JsonObject, { model, meta });

/** The deployment with `change` applied to a fresh copy: the expected result of a patch. */
function expected(change: (d: Deployment) => void): Deployment {
  const d = deployment();
  change(d);
  return d;
}

// ---------------------------------------------------------------------------------------------------

t.test('model walker over client-node models', async (t) => {
  const shapes: Array<[string, ReturnType<typeof parseTypeString>]> = [
    ['V1PodSpec', { kind: 'model', model: 'V1PodSpec' }],
    ['Array<V1Container>', { kind: 'list', element: { kind: 'model', model: 'V1Container' } }],
    ['{ [key: string]: string; }', { kind: 'map', element: { kind: 'scalar', type: 'string' } }],
    ['{ [key: string]: Array<string>; }', { kind: 'map', element: { kind: 'list', element: { kind: 'scalar', type: 'string' } } }],
    ['Array<string>', { kind: 'list', element: { kind: 'scalar', type: 'string' } }],
    ['Date', { kind: 'scalar', type: 'Date' }],
    ['IntOrString', { kind: 'scalar', type: 'IntOrString' }],
    ['any', { kind: 'scalar', type: 'any' }],
  ];
  for (const [type, shape] of shapes) t.same(parseTypeString(type), shape, type);

  t.same(nestedField('V1Pod', 'spec'), { model: 'V1PodSpec', list: false, map: false });
  t.same(nestedField('V1PodSpec', 'containers'), { model: 'V1Container', list: true, map: false });
  t.same(nestedField('V1ObjectMeta', 'labels'), { list: false, map: true });
  t.same(nestedField('V1ObjectMeta', 'finalizers'), { list: true, map: false });
  t.same(nestedField('V1Deployment', 'spec'), { model: 'V1DeploymentSpec', list: false, map: false });
  t.same(nestedField('V1DeploymentSpec', 'strategy'), { model: 'V1DeploymentStrategy', list: false, map: false });
  t.same(nestedField('V1ServicePort', 'targetPort'), { list: false, map: false });
  t.equal(nestedField('V1PodSpec', 'noSuchField'), undefined);
  t.equal(nestedField('V1NoSuchModel', 'spec'), undefined);

  let reads = 0;
  const lookup = createFieldTypeLookup((model) => {
    reads++;
    return model === 'Thing' ? [{ name: 'items', type: 'Array<Item>' }] : undefined;
  });
  t.same(nestedField('Thing', 'items', lookup), { model: 'Item', list: true, map: false });
  t.equal(nestedField('Thing', 'other', lookup), undefined);
  t.equal(nestedField('Nope', 'x', lookup), undefined);
  t.equal(nestedField('Nope', 'y', lookup), undefined);
  t.equal(reads, 2, 'each model is read once');
});

// ---------------------------------------------------------------------------------------------------

t.test('JSON patch operations (RFC 6902)', async (t) => {
  type Case = { name: string; ops: JsonPatchOperation[]; want: (d: Deployment) => void };
  const containers = (d: Deployment) => d.spec.template.spec.containers;
  const cases: Case[] = [
    { name: 'add a label', ops: [{ op: 'add', path: '/metadata/labels/tier', value: 'fe' }], want: (d) => ((d.metadata.labels as Record<string, string>).tier = 'fe') },
    {
      name: '~1 and ~0 in a key',
      ops: [{ op: 'add', path: '/metadata/annotations/example.com~1owner~0team', value: 'x' }],
      want: (d) => ((d.metadata.annotations as Record<string, string>)['example.com/owner~team'] = 'x'),
    },
    { name: '- appends', ops: [{ op: 'add', path: '/spec/template/spec/containers/1/args/-', value: 'x' }], want: (d) => containers(d)[1]!.args!.push('x') },
    { name: 'add at an index inserts', ops: [{ op: 'add', path: '/spec/template/spec/containers/1/args/0', value: 'x' }], want: (d) => containers(d)[1]!.args!.unshift('x') },
    { name: 'add at the length appends', ops: [{ op: 'add', path: '/spec/template/spec/containers/1/args/2', value: 'x' }], want: (d) => containers(d)[1]!.args!.push('x') },
    { name: 'add replaces a member', ops: [{ op: 'add', path: '/spec/replicas', value: 4 }], want: (d) => (d.spec.replicas = 4) },
    { name: 'remove a label', ops: [{ op: 'remove', path: '/metadata/labels/app' }], want: (d) => delete (d.metadata.labels as Partial<Record<string, string>>).app },
    { name: 'remove a list item', ops: [{ op: 'remove', path: '/spec/template/spec/containers/0' }], want: (d) => containers(d).shift() },
    { name: 'a negative index counts from the end', ops: [{ op: 'remove', path: '/spec/template/spec/containers/-1' }], want: (d) => containers(d).pop() },
    { name: 'replace', ops: [{ op: 'replace', path: '/spec/replicas', value: 5 }], want: (d) => (d.spec.replicas = 5) },
    {
      name: 'replace of a missing member adds it (as kube-apiserver)',
      ops: [{ op: 'replace', path: '/metadata/labels/new', value: 'v' }],
      want: (d) => ((d.metadata.labels as Record<string, string>).new = 'v'),
    },
    {
      name: 'replace a list item',
      ops: [{ op: 'replace', path: '/spec/template/spec/containers/0/image', value: 'nginx:1.27' }],
      want: (d) => (containers(d)[0]!.image = 'nginx:1.27'),
    },
    {
      name: 'move',
      ops: [{ op: 'move', from: '/metadata/labels/app', path: '/metadata/labels/name' }],
      want: (d) => (d.metadata.labels = { name: 'web' } as never),
    },
    {
      name: 'copy',
      ops: [{ op: 'copy', from: '/spec/template/spec/containers/0/image', path: '/metadata/annotations/image' }],
      want: (d) => ((d.metadata.annotations as Record<string, string>).image = 'nginx:1.25'),
    },
    {
      name: 'test then replace',
      ops: [
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'test', path: '/spec/selector', value: { matchLabels: { app: 'web' } } },
        { op: 'replace', path: '/spec/replicas', value: 3 },
      ],
      want: (d) => (d.spec.replicas = 3),
    },
    { name: 'test of a missing member against null passes', ops: [{ op: 'test', path: '/metadata/labels/nope', value: null }], want: () => undefined },
    { name: 'no operations', ops: [], want: () => undefined },
  ];
  for (const c of cases) {
    const original = deployment();
    t.same(applyJsonPatch(original, c.ops), { ok: true, document: expected(c.want) }, c.name);
    t.same(original, deployment(), `${c.name}: the input is unchanged`);
  }
});

t.test('JSON patch failures keep evanphx/json-patch texts', async (t) => {
  const table: Array<[JsonPatchOperation[], string]> = [
    [[{ op: 'test', path: '/spec/replicas', value: 3 }], 'testing value /spec/replicas failed: test failed'],
    [[{ op: 'test', path: '/metadata/labels/nope', value: 'x' }], 'testing value /metadata/labels/nope failed: test failed'],
    [[{ op: 'remove', path: '/metadata/labels/nope' }], "error in remove for path: '/metadata/labels/nope': Unable to remove nonexistent key: nope: missing value"],
    [[{ op: 'add', path: '/spec/nope/x', value: 1 }], 'add operation does not apply: doc is missing path: "/spec/nope/x": missing value'],
    [[{ op: 'replace', path: '/spec/nope/x', value: 1 }], 'replace operation does not apply: doc is missing path: /spec/nope/x: missing value'],
    [
      [{ op: 'add', path: '/spec/template/spec/containers/1/args/5', value: 'x' }],
      "error in add for path: '/spec/template/spec/containers/1/args/5': Unable to access invalid index: 5: invalid index referenced",
    ],
    [
      [{ op: 'add', path: '/spec/template/spec/containers/1/args/x', value: 'x' }],
      `error in add for path: '/spec/template/spec/containers/1/args/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
    ],
    [[{ op: 'replace', path: '/spec/template/spec/containers/9', value: {} }], 'replace operation does not apply: doc is missing key: /spec/template/spec/containers/9: missing value'],
    [[{ op: 'move', from: '/metadata/nope/a', path: '/metadata/b' }], 'move operation does not apply: doc is missing from path: /metadata/nope/a: missing value'],
    [[{ op: 'copy', from: '/metadata/labels/nope', path: '/metadata/b' }], 'copy operation does not apply: doc is missing from path: /metadata/labels/nope: missing value'],
    [[{ op: 'add', value: 1 }], 'add operation failed to decode path: missing value'],
    [[{ op: 'test', path: 7, value: 1 }], 'test operation failed to decode path: json: cannot unmarshal number into Go value of type string'],
    [[{ op: 'frob', path: '/a' }], 'Unexpected kind: frob'],
    [[{ path: '/a' }], 'Unexpected kind: unknown'],
  ];
  for (const [ops, message] of table) t.same(applyJsonPatch(deployment(), ops), { ok: false, message }, message);

  const atomic = applyJsonPatch(deployment(), [
    { op: 'replace', path: '/spec/replicas', value: 9 },
    { op: 'test', path: '/metadata/name', value: 'other' },
  ]);
  t.same(atomic, { ok: false, message: 'testing value /metadata/name failed: test failed' }, 'a failing operation applies nothing');
});

// ---------------------------------------------------------------------------------------------------

t.test('JSON merge patch (RFC 7386)', async (t) => {
  type Case = { name: string; patch: object; want: (d: Deployment) => void };
  const cases: Case[] = [
    // kubectl label / annotate / scale (contract §4, §5).
    { name: 'kubectl label', patch: { metadata: { labels: { foo: 'bar' } } }, want: (d) => ((d.metadata.labels as Record<string, string>).foo = 'bar') },
    { name: 'kubectl label app-', patch: { metadata: { labels: { app: null } } }, want: (d) => (d.metadata.labels = {} as Deployment['metadata']['labels']) },
    { name: 'kubectl scale', patch: { spec: { replicas: 3 } }, want: (d) => (d.spec.replicas = 3) },
    { name: 'deleting a missing key is a no-op', patch: { metadata: { labels: { nope: null } } }, want: () => undefined },
    {
      name: 'arrays are replaced',
      patch: { spec: { template: { spec: { containers: [{ name: 'x', image: 'y' }] } } } },
      want: (d) => (d.spec.template.spec.containers = [{ name: 'x', image: 'y' }] as Deployment['spec']['template']['spec']['containers']),
    },
    {
      name: 'new values lose their nulls, also in objects inside arrays',
      patch: { spec: { extra: { a: null, b: 1 }, template: { spec: { tolerations: [{ key: 'k', value: null }] } } } },
      want: (d) => {
        (d.spec as Record<string, unknown>).extra = { b: 1 };
        d.spec.template.spec.tolerations = [{ key: 'k' } as { key: string; operator: string }];
      },
    },
    { name: 'a scalar replaces an object', patch: { spec: { strategy: 'x' } }, want: (d) => ((d.spec as Record<string, unknown>).strategy = 'x') },
  ];
  for (const c of cases) {
    const original = deployment();
    t.same(mergePatch(original, c.patch), expected(c.want), c.name);
    t.same(original, deployment(), `${c.name}: the input is unchanged`);
    // The sharing variant (status writes) gives the same object, leaving a frozen input alone.
    const frozen = deepFreeze(deployment());
    t.same(mergePatchSharing(frozen, c.patch), expected(c.want), `${c.name}, sharing`);
  }
  const d = deployment();
  const out = mergePatch(d, { spec: { replicas: 1 } }) as Deployment;
  out.metadata.labels.app = 'changed';
  t.equal(d.metadata.labels.app, 'web', 'the result shares nothing with the input');

  const stored = deepFreeze(deployment());
  const shared = mergePatchSharing(stored, { spec: { replicas: 1 } }) as Deployment;
  t.equal(shared.spec.template, stored.spec.template, 'sharing: what the patch leaves alone is the stored object\'s');
  t.not(shared.spec, stored.spec, 'what it touches is new');
  t.not(shared.metadata, stored.metadata, 'metadata is always new (the write sets managedFields and resourceVersion)');
  t.equal(shared.metadata.labels, stored.metadata.labels);
});

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------

t.test('strategic merge patch: the bodies kubectl sends', async (t) => {
  t.test('kubectl set image', async (t) => {
    const patch = {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }], containers: [{ image: 'nginx:1.27', name: 'app' }] } } },
    };
    t.same(smp(deployment(), patch, 'V1Deployment'), expected((d) => (d.spec.template.spec.containers[0]!.image = 'nginx:1.27')));
    // The contract's single-container body.
    const one = expected((d) => d.spec.template.spec.containers.pop());
    const r = smp(one, { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'app' }], containers: [{ image: 'nginx:2', name: 'app' }] } } } }, 'V1Deployment');
    t.same(r, expected((d) => {
      d.spec.template.spec.containers.pop();
      d.spec.template.spec.containers[0]!.image = 'nginx:2';
    }));
  });

  t.test('kubectl rollout restart', async (t) => {
    const patch = { spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T08:49:06Z' } } } } };
    t.same(
      smp(deployment(), patch, 'V1Deployment'),
      expected((d) => ((d.spec.template.metadata as Record<string, unknown>).annotations = { 'kubectl.kubernetes.io/restartedAt': '2026-11-23T08:49:06Z' })),
    );
  });

  t.test('kubectl apply: env changed, removed and added, last-applied annotation', async (t) => {
    const lastApplied = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"web","namespace":"default"}}\n';
    const patch = {
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }],
            containers: [
              {
                '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }],
                env: [
                  { name: 'A', value: '10' },
                  { name: 'C', value: '3' },
                  { $patch: 'delete', name: 'B' },
                ],
                name: 'app',
              },
            ],
          },
        },
      },
    };
    t.same(
      smp(deployment(), patch, 'V1Deployment'),
      expected((d) => {
        (d.metadata.annotations as Record<string, string>)['kubectl.kubernetes.io/last-applied-configuration'] = lastApplied;
        d.spec.template.spec.containers[0]!.env = [
          { name: 'A', value: '10' },
          { name: 'C', value: '3' },
        ];
      }),
    );
  });

  t.test('kubectl apply: a container added between two others', async (t) => {
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }, { name: 'metrics' }, { name: 'sidecar' }],
            containers: [{ image: 'prom/node-exporter:v1', name: 'metrics' }],
          },
        },
      },
    };
    const names = (smp(deployment(), patch, 'V1Deployment') as unknown as Deployment).spec.template.spec.containers.map((c) => c.name);
    t.same(names, ['app', 'metrics', 'sidecar']);
  });

  t.test('kubectl apply: only the order changes', async (t) => {
    const patch = { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'app' }] } } } };
    const out = smp(deployment(), patch, 'V1Deployment') as unknown as Deployment;
    t.same(
      out.spec.template.spec.containers.map((c) => c.name),
      ['sidecar', 'app'],
    );
    t.same(out.spec.template.spec.containers[1], deployment().spec.template.spec.containers[0], 'items are moved, not changed');
  });

  t.test('kubectl apply: strategy RollingUpdate → Recreate ($retainKeys)', async (t) => {
    const patch = { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } };
    t.same(smp(deployment(), patch, 'V1Deployment'), expected((d) => (d.spec.strategy = { type: 'Recreate' } as Deployment['spec']['strategy'])));
  });

  t.test('kubectl apply: volume source emptyDir → hostPath ($retainKeys in a list item)', async (t) => {
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/volumes': [{ name: 'data' }],
            volumes: [{ $retainKeys: ['hostPath', 'name'], hostPath: { path: '/srv/data', type: '' }, name: 'data' }],
          },
        },
      },
    };
    t.same(
      smp(deployment(), patch, 'V1Deployment'),
      expected((d) => (d.spec.template.spec.volumes = [{ name: 'data', hostPath: { path: '/srv/data', type: '' } }] as never)),
    );
  });

  t.test('kubectl edit: replicas and an atomic list', async (t) => {
    const patch = { spec: { replicas: 3, template: { spec: { containers: [{ args: ['sleep', '3600'], name: 'sidecar' }] } } } };
    t.same(
      smp(deployment(), patch, 'V1Deployment'),
      expected((d) => {
        d.spec.replicas = 3;
        d.spec.template.spec.containers[1]!.args = ['sleep', '3600'];
      }),
    );
  });

  t.test('kubectl diff: resourceVersion travels in the patch', async (t) => {
    const out = smp(deployment(), { metadata: { annotations: {}, resourceVersion: '6' }, spec: { replicas: 2 } }, 'V1Deployment') as unknown as Deployment;
    t.equal(out.metadata.resourceVersion, '6', 'the caller compares it with the stored one (409 when stale)');
    t.same(out.metadata.annotations, deployment().metadata.annotations, 'an empty map changes nothing');
  });
});

t.test('strategic merge patch: lists by merge key and strategy', async (t) => {
  t.test('Service ports merge by port', async (t) => {
    const add = { spec: { '$setElementOrder/ports': [{ port: 80 }, { port: 443 }], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }] } };
    const added = smp(service(), add, 'V1Service') as ReturnType<typeof service>;
    t.same(added.spec.ports, [
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
    ]);
    const removed = smp(added, { spec: { '$setElementOrder/ports': [{ port: 443 }], ports: [{ $patch: 'delete', port: 80 }] } }, 'V1Service') as ReturnType<typeof service>;
    t.same(removed.spec.ports, [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }]);
    const changed = smp(service(), { spec: { ports: [{ port: 80, targetPort: 9090 }] } }, 'V1Service') as ReturnType<typeof service>;
    t.same(changed.spec.ports, [{ name: 'http', port: 80, targetPort: 9090, protocol: 'TCP' }]);
  });

  t.test('Pod container ports merge by containerPort; a new item without an order goes first, as upstream', async (t) => {
    const out = smp(pod(), { spec: { containers: [{ name: 'app', ports: [{ containerPort: 9090, name: 'metrics' }] }] } }, 'V1Pod') as ReturnType<typeof pod>;
    t.same(out.spec.containers[0]!.ports, [
      { containerPort: 9090, name: 'metrics' },
      { containerPort: 80, protocol: 'TCP' },
    ]);
  });

  t.test('Pod status conditions merge by type (kubelet status patch)', async (t) => {
    const out = smp(pod(), { status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' }], phase: 'Running' } }, 'V1Pod') as ReturnType<typeof pod>;
    t.same(out.status, {
      phase: 'Running',
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: 'True', lastTransitionTime: '2026-01-01T00:00:00Z' },
      ],
    });
  });

  t.test('finalizers: a merged set of strings', async (t) => {
    const added = smp(pod(), { metadata: { finalizers: ['b.example.com/y', 'a.example.com/x'] } }, 'V1Pod') as ReturnType<typeof pod>;
    t.same(added.metadata.finalizers, ['b.example.com/y', 'a.example.com/x'], 'no duplicates; the patch order wins');
    const ordered = smp(pod(), { metadata: { '$setElementOrder/finalizers': ['a.example.com/x', 'b.example.com/y'], finalizers: ['b.example.com/y'] } }, 'V1Pod') as ReturnType<typeof pod>;
    t.same(ordered.metadata.finalizers, ['a.example.com/x', 'b.example.com/y']);
    const removed = smp(added, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example.com/x'] } }, 'V1Pod') as ReturnType<typeof pod>;
    t.same(removed.metadata.finalizers, ['b.example.com/y']);
    const cleared = smp(pod(), { metadata: { finalizers: null } }, 'V1Pod') as ReturnType<typeof pod>;
    t.notOk('finalizers' in cleared.metadata, 'null removes the list');
  });

  t.test('ownerReferences merge by uid', async (t) => {
    const owned = { ...pod(), metadata: { ...pod().metadata, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true }] } };
    const out = smp(owned, { metadata: { ownerReferences: [{ uid: 'u1', blockOwnerDeletion: true }, { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'u2' }] } }, 'V1Pod');
    t.same((out.metadata as Record<string, unknown>).ownerReferences, [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-1', uid: 'u1', controller: true, blockOwnerDeletion: true },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'c', uid: 'u2' },
    ]);
  });

  t.test('lists without a merge strategy are replaced (tolerations, args)', async (t) => {
    const out = smp(deployment(), { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } }, 'V1Deployment');
    t.same(out, expected((d) => (d.spec.template.spec.tolerations = [{ key: 'b', operator: 'Exists' }])));
    const empty = smp(deployment(), { spec: { template: { spec: { tolerations: [] } } } }, 'V1Deployment');
    t.same(empty, expected((d) => (d.spec.template.spec.tolerations = [])));
    const merged = smp(deployment(), { spec: { template: { spec: { containers: [] } } } }, 'V1Deployment');
    t.same(merged, deployment(), 'an empty patch list leaves a merging list alone');
  });

  t.test('maps merge recursively; null deletes a key', async (t) => {
    const out = smp(deployment(), { metadata: { labels: { app: null, tier: 'fe' } }, spec: { selector: { matchLabels: { extra: 'x' } } } }, 'V1Deployment');
    t.same(
      out,
      expected((d) => {
        d.metadata.labels = { tier: 'fe' } as never;
        (d.spec.selector.matchLabels as Record<string, string>).extra = 'x';
      }),
    );
  });

  t.test('a live-only item keeps its place when the patch deletes one item and adds another', async (t) => {
    // The server injected `proxy`; the applied configuration replaces `sidecar` by `worker`. Upstream
    // consults the live list after it deleted and appended in place, which puts `worker` after `proxy`.
    const live = expected((d) => {
      const [app, sidecar] = d.spec.template.spec.containers;
      d.spec.template.spec.containers = [app!, { name: 'proxy', image: 'envoy' } as never, sidecar!];
    });
    const patch = {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }, { name: 'worker' }],
            containers: [{ image: 'worker:1', name: 'worker' }, { $patch: 'delete', name: 'sidecar' }],
          },
        },
      },
    };
    const out = smp(live, patch, 'V1Deployment') as unknown as Deployment;
    t.same(
      out.spec.template.spec.containers.map((c) => c.name),
      ['app', 'proxy', 'worker'],
    );
  });
});

t.test('strategic merge patch: $patch directives', async (t) => {
  t.same(
    smp(deployment(), { spec: { template: { spec: { containers: [{ $patch: 'delete', name: 'sidecar' }] } } } }, 'V1Deployment'),
    expected((d) => d.spec.template.spec.containers.pop()),
    '$patch: delete removes a list item by merge key',
  );
  t.same(
    smp(deployment(), { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x', env: [{ name: 'N', value: null }] }] } } } }, 'V1Deployment'),
    expected((d) => (d.spec.template.spec.containers = [{ name: 'only', image: 'x', env: [{ name: 'N' }] }] as never)),
    '$patch: replace in a list makes the other items the list',
  );
  t.same(
    smp(deployment(), { metadata: { labels: { $patch: 'replace', new: '1' } } }, 'V1Deployment'),
    expected((d) => (d.metadata.labels = { new: '1' } as never)),
    '$patch: replace in a map',
  );
  t.same(
    smp(deployment(), { spec: { strategy: { $patch: 'delete' } } }, 'V1Deployment'),
    expected((d) => (d.spec.strategy = {} as never)),
    '$patch: delete in a map leaves it empty',
  );
  t.same(
    smp(deployment(), { spec: { paused: { $patch: 'delete' } } }, 'V1Deployment'),
    deployment(),
    'a directive map for a missing key stores nothing',
  );
  const fresh = smp(pod(), { spec: { initContainers: [{ name: 'init', image: 'busybox', env: [{ name: 'X', value: null }], '$setElementOrder/env': [{ name: 'X' }] }] } }, 'V1Pod');
  t.same((fresh.spec as Record<string, unknown>).initContainers, [{ name: 'init', image: 'busybox', env: [{ name: 'X' }] }], 'new values lose nulls and directive keys');
});

t.test('strategic merge patch: unknown types and fields merge like a merge patch', async (t) => {
  const noMeta = strategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: 'x' }] } } } }, { model: undefined, meta });
  t.same(noMeta, { ok: true, object: expected((d) => (d.spec.template.spec.containers = [{ name: 'x' }] as never)) }, 'without a model lists are replaced');
  const crdLike = { apiVersion: 'example.com/v1', kind: 'Widget', spec: { a: { b: 1, c: [1, 2] } } };
  t.same(smp(crdLike, { spec: { a: { c: [3], d: { e: null, f: 1 } } } }, 'V1Deployment'), { ...crdLike, spec: { a: { b: 1, c: [3], d: { f: 1 } } } });
});

t.test('strategic merge patch: failures carry upstream texts and classes', async (t) => {
  const withEmptyFinalizers = { ...pod(), metadata: { ...pod().metadata, finalizers: [] as string[] } };
  const table: Array<[name: string, original: object, patch: object, model: string, kind: string, message: string]> = [
    ['merge key missing', deployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }, 'V1Deployment', 'internal', 'map: map[image:x] does not contain declared merge key: name'],
    [
      'merge directive in a list',
      deployment(),
      { spec: { template: { spec: { containers: [{ $patch: 'merge', name: 'app' }] } } } },
      'V1Deployment',
      'internal',
      'merging lists cannot yet be specified in the patch',
    ],
    ['unknown directive in a map', deployment(), { metadata: { labels: { $patch: 'merge', a: 'b' } } }, 'V1Deployment', 'internal', 'unknown patch type: merge in map: map[$patch:merge a:b]'],
    ['$retainKeys not a list', deployment(), { spec: { strategy: { $retainKeys: 'type' } } }, 'V1Deployment', 'bad-request', 'invalid patch format of retainKeys'],
    [
      'a patched key outside $retainKeys',
      deployment(),
      { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: { maxSurge: 1 } } } },
      'V1Deployment',
      'bad-request',
      'invalid patch format of retainKeys',
    ],
    ['$setElementOrder without a list name', deployment(), { metadata: { $setElementOrder: [] } }, 'V1Deployment', 'bad-request', 'invalid patch format of setElementOrder list'],
    ['bad deletion list prefix', pod(), { metadata: { '$deleteFromPrimitiveListX/finalizers': ['a'] } }, 'V1Pod', 'bad-request', 'invalid patch format of primitive list'],
    ['lists of lists', withEmptyFinalizers, { metadata: { finalizers: [['a']] } }, 'V1Pod', 'invalid', 'lists of lists are not supported'],
    [
      'mixed element types',
      pod(),
      { metadata: { finalizers: [1] } },
      'V1Pod',
      'internal',
      'list element types are not identical: [[a.example.com/x] [1]]',
    ],
    [
      'patch order contradicts $setElementOrder',
      deployment(),
      { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }], containers: [{ image: 'x', name: 'app' }] } } } },
      'V1Deployment',
      'internal',
      'The order in patch list:\n[map[image:x name:app]]\n doesn\'t match $setElementOrder list:\n[map[name:sidecar]]\n',
    ],
    ['$setElementOrder not a list', deployment(), { spec: { template: { spec: { '$setElementOrder/containers': { name: 'app' } } } } }, 'V1Deployment', 'internal', 'expected a []interface {}, but received a map[string]interface {}'],
  ];
  for (const [name, original, patch, model, kind, message] of table) {
    t.same(smpResult(original, patch, model), { ok: false, kind, message }, name);
  }
});

// ---------------------------------------------------------------------------------------------------

const STRATEGIC: ApplyPatchOptions = { strategic: { model: 'V1Deployment', meta } };

function failureOf(contentType: string, body: string, options: ApplyPatchOptions = STRATEGIC): PatchFailure {
  const r = applyPatch(contentType, deployment(), body, options);
  if (r.ok) throw new Error(`expected ${contentType} ${body} to fail`);
  return r.failure;
}

t.test('applyPatch: dispatch by media type', async (t) => {
  const ok = (contentType: string, body: string | Uint8Array) => {
    const r = applyPatch(contentType, deployment(), body, STRATEGIC);
    if (!r.ok) throw new Error(r.failure.message);
    return r.object;
  };
  const three = expected((d) => (d.spec.replicas = 3));
  t.same(ok(JSON_PATCH, '[{"op":"replace","path":"/spec/replicas","value":3}]'), three);
  t.same(ok(MERGE_PATCH, '{"spec":{"replicas":3}}'), three);
  t.same(ok('application/merge-patch+json; charset=utf-8', Buffer.from('{"spec":{"replicas":3}}')), three, 'parameters are ignored, bytes accepted');
  t.same(ok(STRATEGIC_MERGE_PATCH, '{"spec":{"replicas":3}}'), three);
  t.same(ok(STRATEGIC_MERGE_PATCH, 'null'), deployment(), 'a null strategic merge patch changes nothing');
  t.same(ok(JSON_PATCH, 'null'), deployment(), 'a null JSON patch has no operations');
  t.throws(() => applyPatch(APPLY_PATCH_YAML, deployment(), '{}', STRATEGIC), /server-side apply/);

  const original = deployment();
  applyPatch(STRATEGIC_MERGE_PATCH, original, '{"spec":{"replicas":9},"metadata":{"labels":null}}', STRATEGIC);
  t.same(original, deployment(), 'the original is not changed');
});

t.test('applyPatch: failures as kube-apiserver answers them', async (t) => {
  const generic = 'the server rejected our request due to an error in our request';
  const table: Array<[name: string, contentType: string, body: string, failure: PatchFailure, options?: ApplyPatchOptions]> = [
    [
      'JSON patch test fails → 422',
      JSON_PATCH,
      '[{"op":"test","path":"/spec/replicas","value":5}]',
      { code: 422, reason: 'Invalid', message: generic, causes: [{ reason: 'FieldValueInvalid', message: 'testing value /spec/replicas failed: test failed', field: 'patch' }] },
    ],
    ['JSON patch not an array', JSON_PATCH, '{"op":"add"}', { code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' }],
    ['JSON patch operation not an object', JSON_PATCH, '[1]', { code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal number into Go value of type jsonpatch.Operation' }],
    [
      'JSON patch replaces the whole object with an array',
      JSON_PATCH,
      '[{"op":"replace","path":"","value":[1]}]',
      { code: 422, reason: 'Invalid', message: generic, causes: [{ reason: 'FieldValueInvalid', message: 'the patched document is a JSON array, not an object', field: 'patch' }] },
    ],
    ['not JSON', MERGE_PATCH, '{"spec":', { code: 400, reason: 'BadRequest', message: 'invalid JSON patch' }],
    ['empty body', STRATEGIC_MERGE_PATCH, '', { code: 400, reason: 'BadRequest', message: 'invalid JSON patch' }],
    ['merge patch null', MERGE_PATCH, 'null', { code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' }],
    ['merge patch scalar', MERGE_PATCH, '3', { code: 400, reason: 'BadRequest', message: 'Invalid JSON Patch' }],
    [
      'merge patch array',
      MERGE_PATCH,
      '[]',
      { code: 422, reason: 'Invalid', message: generic, causes: [{ reason: 'FieldValueInvalid', message: 'a merge patch that is an array replaces the whole object with it', field: 'patch' }] },
    ],
    ['strategic patch array', STRATEGIC_MERGE_PATCH, '[]', { code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' }],
    ['strategic patch directive format', STRATEGIC_MERGE_PATCH, '{"spec":{"strategy":{"$retainKeys":1}}}', { code: 400, reason: 'BadRequest', message: 'invalid patch format of retainKeys' }],
    [
      'strategic patch item without merge key → 500 as upstream',
      STRATEGIC_MERGE_PATCH,
      '{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}',
      { code: 500, reason: '', message: 'map: map[image:x] does not contain declared merge key: name' },
    ],
    [
      'a media type that is no patch',
      'application/json',
      '{}',
      {
        code: 415,
        reason: 'UnsupportedMediaType',
        message:
          'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
      },
    ],
    [
      'strategic merge patch for a custom resource',
      STRATEGIC_MERGE_PATCH,
      '{}',
      {
        code: 415,
        reason: 'UnsupportedMediaType',
        message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
      },
      {},
    ],
  ];
  for (const [name, contentType, body, failure, options] of table) t.same(failureOf(contentType, body, options), failure, name);

  const finalizing = { ...deployment(), metadata: { ...deployment().metadata, finalizers: [] } };
  t.same(
    applyPatch(STRATEGIC_MERGE_PATCH, finalizing, '{"metadata":{"finalizers":[["a"]]}}', STRATEGIC),
    { ok: false, failure: { code: 422, reason: 'Invalid', message: generic, causes: [{ reason: 'FieldValueInvalid', message: 'lists of lists are not supported', field: 'patch' }] } },
    'lists of lists → 422',
  );

  const ops = JSON.stringify(Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' })));
  t.same(failureOf(JSON_PATCH, ops), {
    code: 413,
    reason: 'RequestEntityTooLarge',
    message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
  });

  const err = patchFailureError(failureOf(JSON_PATCH, '[{"op":"test","path":"/kind","value":"Pod"}]'));
  t.ok(err instanceof StatusError);
  t.same(err.toStatus(), {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: generic,
    reason: 'Invalid',
    code: 422,
    details: { causes: [{ reason: 'FieldValueInvalid', message: 'testing value /kind failed: test failed', field: 'patch' }] },
  });
});
