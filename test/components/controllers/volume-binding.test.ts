import t from 'tap';
import type { Client, ResourceType } from '../../../components/client/client.js';
import type { CoreEvent } from '../../../components/client/event-recorder.js';
import { events, nodes, persistentVolumeClaims, persistentVolumes, pods } from '../../../components/client/resource-types.js';
import type { Node, Pod } from '../../../components/controllers/support/api-types.js';
import {
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_PROVISIONED_BY,
  ANN_SELECTED_NODE,
  claimBoundTo,
  claimClassName,
  consumerNode,
  findMatchingVolume,
  localPathStorageClass,
  persistentVolumeBinderController,
  planClaim,
  provisionedVolume,
  storageClassesType,
  volumeAction,
  volumeBoundTo,
  WAIT_FOR_FIRST_CONSUMER_MESSAGE,
  type ClaimWorld,
  type PersistentVolume,
  type PersistentVolumeClaim,
  type StorageClass,
} from '../../../components/controllers/volume-binding/index.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

const claim = (name: string, o: { size?: string; modes?: string[]; cls?: string | null; selector?: object; uid?: string; annotations?: Record<string, string> } = {}): PersistentVolumeClaim => ({
  metadata: { name, namespace: 'ns', uid: o.uid ?? `uid-${name}`, resourceVersion: '7', ...(o.annotations ? { annotations: o.annotations } : {}) },
  spec: {
    accessModes: o.modes ?? ['ReadWriteOnce'],
    resources: { requests: { storage: o.size ?? '1Gi' } },
    ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
    ...(o.selector ? { selector: o.selector } : {}),
  },
});

const volume = (name: string, o: { size?: string; modes?: string[]; cls?: string; labels?: Record<string, string>; claimRef?: object; node?: string; policy?: string; phase?: string; annotations?: Record<string, string> } = {}): PersistentVolume => ({
  metadata: { name, uid: `uid-${name}`, labels: o.labels ?? {}, annotations: o.annotations ?? {} },
  spec: {
    capacity: { storage: o.size ?? '1Gi' },
    accessModes: o.modes ?? ['ReadWriteOnce'],
    hostPath: { path: `/tmp/${name}` },
    ...(o.cls !== undefined ? { storageClassName: o.cls } : {}),
    ...(o.claimRef ? { claimRef: o.claimRef } : {}),
    ...(o.policy ? { persistentVolumeReclaimPolicy: o.policy } : {}),
    ...(o.node ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [o.node] }] }] } } } : {}),
  },
  ...(o.phase ? { status: { phase: o.phase } } : {}),
});

const node = (name: string, ready = true): Node => ({
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

const podUsing = (name: string, claimName: string, nodeName?: string): Pod => ({
  metadata: { name, namespace: 'ns' },
  spec: { containers: [{ name: 'c', image: 'busybox' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }], ...(nodeName ? { nodeName } : {}) },
});

const manual: StorageClass = { metadata: { name: 'manual' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'Immediate' };

t.test('findMatchingVolume', async (t) => {
  const c = claim('c', { size: '2Gi', cls: '' });
  const cases: Array<{ name: string; claim?: PersistentVolumeClaim; volumes: PersistentVolume[]; want?: string; delay?: boolean; node?: Node; cls?: string }> = [
    { name: 'smallest that fits', volumes: [volume('big', { size: '10Gi' }), volume('small', { size: '1Gi' }), volume('fit', { size: '3Gi' })], want: 'fit' },
    { name: 'exact size fits', volumes: [volume('exact', { size: '2Gi' }), volume('more', { size: '2049Mi' })], want: 'exact' },
    { name: 'access modes must be included', volumes: [volume('rox', { size: '5Gi', modes: ['ReadOnlyMany'] }), volume('both', { size: '6Gi', modes: ['ReadWriteOnce', 'ReadOnlyMany'] })], want: 'both' },
    { name: 'class must match', volumes: [volume('other', { size: '5Gi', cls: 'fast' })] },
    { name: 'class matches by name', claim: claim('c', { cls: 'fast' }), cls: 'fast', volumes: [volume('none', { size: '5Gi' }), volume('fast', { size: '5Gi', cls: 'fast' })], want: 'fast' },
    { name: 'bound elsewhere never matches', volumes: [volume('taken', { size: '5Gi', claimRef: { namespace: 'ns', name: 'other', uid: 'x' } })] },
    { name: 'pre-bound wins over smaller', volumes: [volume('small', { size: '2Gi' }), volume('pre', { size: '9Gi', claimRef: { namespace: 'ns', name: 'c' } })], want: 'pre' },
    { name: 'released volumes do not match', volumes: [volume('rel', { size: '5Gi', phase: 'Released' })] },
    {
      name: 'label selector',
      claim: claim('c', { cls: '', selector: { matchLabels: { tier: 'db' } } }),
      volumes: [volume('plain', { size: '5Gi' }), volume('db', { size: '5Gi', labels: { tier: 'db' } })],
      want: 'db',
    },
    { name: 'delayed binding waits for a node', delay: true, volumes: [volume('free', { size: '5Gi' })] },
    { name: 'delayed binding with a node checks affinity', delay: true, node: node('n1'), volumes: [volume('n2', { size: '5Gi', node: 'n2' }), volume('n1', { size: '8Gi', node: 'n1' })], want: 'n1' },
  ];
  for (const tc of cases) {
    const got = findMatchingVolume(tc.claim ?? c, tc.volumes, { className: tc.cls ?? '', delayBinding: tc.delay, node: tc.node });
    t.equal(got?.metadata.name, tc.want, tc.name);
  }
});

t.test('claimClassName and consumerNode', async (t) => {
  const lp = { ...localPathStorageClass(), metadata: { ...localPathStorageClass().metadata } };
  t.same(claimClassName(claim('a', { cls: 'manual' }), [lp]), { name: 'manual', assigned: false });
  t.same(claimClassName(claim('a', { cls: '' }), [lp]), { name: '', assigned: false }, '"" is no class, never the default');
  t.same(claimClassName(claim('a'), [lp]), { name: 'local-path', assigned: true }, 'nil takes the default');
  t.same(claimClassName(claim('a'), [manual]), { name: '', assigned: false }, 'no default class');

  const c = claim('data', { cls: 'local-path' });
  t.equal(consumerNode(c, [podUsing('p', 'data')]), undefined, 'unscheduled consumer');
  t.equal(consumerNode(c, [podUsing('p', 'other', 'n1'), podUsing('q', 'data', 'n2')]), 'n2');
  t.equal(consumerNode(claim('data', { annotations: { [ANN_SELECTED_NODE]: 'n3' } }), []), 'n3', 'selected-node annotation');
});

t.test('provisionedVolume', async (t) => {
  const c = claim('data', { size: '3Gi', modes: ['ReadWriteOnce'], cls: 'local-path', uid: 'abc' });
  const v = provisionedVolume(c, { node: 'n1', dataDir: '/var/lib/k8ts/', storageClass: localPathStorageClass() });
  t.equal(v.metadata.name, 'pvc-abc');
  t.same(v.spec.hostPath, { path: '/var/lib/k8ts/storage/pvc-abc_ns_data', type: 'DirectoryOrCreate' });
  t.same(v.spec.capacity, { storage: '3Gi' });
  t.same(v.spec.accessModes, ['ReadWriteOnce']);
  t.equal(v.spec.persistentVolumeReclaimPolicy, 'Delete');
  t.equal(v.spec.storageClassName, 'local-path');
  t.same(v.spec.claimRef, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'ns', name: 'data', uid: 'abc', resourceVersion: '7' });
  t.same(v.spec.nodeAffinity, { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }] } });
  t.equal(v.metadata.annotations?.[ANN_PROVISIONED_BY], 'rancher.io/local-path');
});

t.test('planClaim', async (t) => {
  const lp = localPathStorageClass();
  const world = (w: Partial<ClaimWorld> = {}): ClaimWorld => ({ volumes: [], classes: [lp, manual], pods: [], nodes: [node('n1')], ...w });
  const wffc = claim('data', { cls: 'local-path' });
  t.match(planClaim(wffc, world()), { type: 'pending', event: { reason: 'WaitForFirstConsumer', message: WAIT_FOR_FIRST_CONSUMER_MESSAGE } });
  t.match(planClaim(wffc, world({ pods: [podUsing('p', 'data', 'n1')] })), { type: 'provision', node: 'n1', storageClass: { metadata: { name: 'local-path' } } });
  t.match(planClaim(wffc, world({ pods: [podUsing('p', 'data', 'n1')], volumes: [volume('local', { size: '5Gi', cls: 'local-path', node: 'n1' })] })), { type: 'bind', volume: { metadata: { name: 'local' } } }, 'a static volume on the node');
  t.match(planClaim(claim('x'), world()), { type: 'assign-class', className: 'local-path' });
  t.match(planClaim(claim('x'), world({ classAssignmentRefused: true })), { type: 'provision', node: 'n1' }, 'class not writable: provisioned at once');
  t.match(planClaim(claim('x'), world({ classAssignmentRefused: true, nodes: [node('n1', false)] })), { type: 'pending', retry: true });
  t.match(planClaim(claim('m', { cls: 'manual' }), world({ volumes: [volume('pv1', { cls: 'manual' })] })), { type: 'bind', volume: { metadata: { name: 'pv1' } } });
  t.match(planClaim(claim('m', { cls: 'manual' }), world()), { type: 'pending', event: { reason: 'ExternalProvisioning' } });
  t.match(planClaim(claim('m', { cls: 'gone' }), world()), { type: 'pending', event: { type: 'Warning', reason: 'ProvisioningFailed', message: 'storageclass.storage.k8s.io "gone" not found' } });
  t.match(planClaim(claim('m', { cls: '' }), world()), { type: 'pending', event: { reason: 'FailedBinding' } });
  const bound = { ...wffc, spec: { ...wffc.spec, volumeName: 'pv9' }, status: { phase: 'Bound' } };
  t.match(planClaim(bound, world()), { type: 'lost', event: { reason: 'ClaimLost' } });
  t.match(planClaim(bound, world({ volumes: [volume('pv9', { claimRef: { namespace: 'ns', name: 'data', uid: 'uid-data' } })] })), { type: 'bind' });
  t.match(planClaim(bound, world({ volumes: [volume('pv9', { claimRef: { namespace: 'ns', name: 'other', uid: 'o' } })] })), { type: 'pending', event: { reason: 'FailedBinding' } });
});

t.test('binding objects and volumeAction', async (t) => {
  const c = claim('data', { cls: '' });
  const v = volume('pv1');
  const vb = volumeBoundTo(v, c);
  t.same(vb.spec.claimRef, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'ns', name: 'data', uid: 'uid-data', resourceVersion: '7' });
  t.equal(vb.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER], 'yes');
  t.equal(volumeBoundTo(vb, c), vb, 'already bound: unchanged');
  const cb = claimBoundTo(c, vb);
  t.equal(cb.spec.volumeName, 'pv1');
  t.same(cb.metadata.annotations, { [ANN_BIND_COMPLETED]: 'yes', [ANN_BOUND_BY_CONTROLLER]: 'yes' });

  const ref = { namespace: 'ns', name: 'data', uid: 'uid-data' };
  const ours = { [ANN_PROVISIONED_BY]: 'rancher.io/local-path' };
  const boundClaim = { ...c, spec: { ...c.spec, volumeName: 'pv1' } };
  const cases: Array<{ name: string; volume: PersistentVolume; claim?: PersistentVolumeClaim; want: object }> = [
    { name: 'new free volume', volume: volume('pv1'), want: { type: 'phase', phase: 'Available' } },
    { name: 'free and Available', volume: volume('pv1', { phase: 'Available' }), want: { type: 'none' } },
    { name: 'bound both ways', volume: volume('pv1', { claimRef: ref }), claim: boundClaim, want: { type: 'phase', phase: 'Bound' } },
    { name: 'claim not caught up', volume: volume('pv1', { claimRef: ref }), claim: c, want: { type: 'sync-claim' } },
    { name: 'claim gone, Retain', volume: volume('pv1', { claimRef: ref, policy: 'Retain', phase: 'Bound' }), want: { type: 'phase', phase: 'Released' } },
    { name: 'claim gone, Retain, released', volume: volume('pv1', { claimRef: ref, policy: 'Retain', phase: 'Released' }), want: { type: 'none' } },
    { name: 'claim gone, Delete, ours', volume: volume('pv1', { claimRef: ref, policy: 'Delete', annotations: ours }), want: { type: 'delete' } },
    { name: 'claim gone, Delete, static', volume: volume('pv1', { claimRef: ref, policy: 'Delete' }), want: { type: 'phase', phase: 'Failed', reason: 'VolumeFailedDelete' } },
    { name: 'claim recreated with the same name', volume: volume('pv1', { claimRef: ref, policy: 'Retain' }), claim: claim('data', { uid: 'new' }), want: { type: 'phase', phase: 'Released' } },
    { name: 'claim took another volume', volume: volume('pv1', { claimRef: ref, annotations: { [ANN_BOUND_BY_CONTROLLER]: 'yes' } }), claim: { ...c, spec: { ...c.spec, volumeName: 'pv2' } }, want: { type: 'unbind' } },
  ];
  for (const tc of cases) t.match(volumeAction(tc.volume, tc.claim), tc.want, tc.name);
});

const clusterRoles: ResourceType = { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', kind: 'ClusterRole', namespaced: false };
const clusterRoleBindings: ResourceType = { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false };

/** The bootstrap role has no `create` on storageclasses (upstream's does not either): grant it here. */
async function grantClassCreate(admin: Client): Promise<void> {
  await admin.resource(clusterRoles).create({ metadata: { name: 'test:local-path-class' }, rules: [{ apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['create'] }] } as object);
  await admin.resource(clusterRoleBindings).create({
    metadata: { name: 'test:local-path-class' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'test:local-path-class' },
    subjects: [{ kind: 'ServiceAccount', name: 'persistent-volume-binder', namespace: 'kube-system' }],
  } as object);
}

async function readyNode(admin: Client, name: string): Promise<void> {
  const c = admin.resource<Node>(nodes);
  const made = await c.create({ metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
  const t = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await c.updateStatus({ ...made, status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', lastHeartbeatTime: t, lastTransitionTime: t }] } });
}

t.test('the binder against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await grantClassCreate(h.admin);
  await readyNode(h.admin, 'n1');
  await h.run(persistentVolumeBinderController({ dataDir: '/data' }), { serviceAccount: 'persistent-volume-binder' });
  const claims = h.admin.resource<PersistentVolumeClaim>(persistentVolumeClaims);
  const pvs = h.admin.resource<PersistentVolume>(persistentVolumes);
  const getClaim = (name: string) => claims.get(name, { namespace: 'ns' });
  const getVolume = (name: string) => pvs.get(name).catch(() => undefined);

  const sc = await eventually(() => h.admin.resource<StorageClass>(storageClassesType).get('local-path'), 10_000, 'the local-path class');
  t.match(sc, { provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', reclaimPolicy: 'Delete', metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } } });

  t.test('WaitForFirstConsumer: provisioned on the consumer node, deleted with the claim', async (t) => {
    const made = await claims.create(claim('data', { size: '2Gi', cls: 'local-path' }), { namespace: 'ns' });
    const uid = made.metadata.uid!;
    await eventually(async () => (await getClaim('data')).status?.phase === 'Pending', 10_000, 'claim Pending');
    const evs = await eventually(async () => {
      const list = (await h.admin.resource<CoreEvent>(events).list({ namespace: 'ns' })).items;
      return list.find((e) => e.involvedObject.name === 'data' && e.reason === 'WaitForFirstConsumer');
    }, 10_000, 'the WaitForFirstConsumer event');
    t.equal(evs.message, WAIT_FOR_FIRST_CONSUMER_MESSAGE);
    t.equal(evs.source.component, 'persistentvolume-controller');
    t.notOk((await getClaim('data')).spec.volumeName, 'not bound without a consumer');

    const podClient = h.admin.resource<Pod>(pods);
    await podClient.create(podUsing('user', 'data'), { namespace: 'ns' });
    await podClient.createSubresource('user', 'binding', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'user' }, target: { apiVersion: 'v1', kind: 'Node', name: 'n1' } }, { namespace: 'ns' });

    const bound = await eventually(async () => {
      const c = await getClaim('data');
      return c.status?.phase === 'Bound' ? c : undefined;
    }, 10_000, 'claim Bound');
    const pvName = `pvc-${uid}`;
    t.equal(bound.spec.volumeName, pvName);
    t.match(bound.metadata.annotations, { [ANN_BIND_COMPLETED]: 'yes', [ANN_BOUND_BY_CONTROLLER]: 'yes' });
    t.same(bound.status?.capacity, { storage: '2Gi' });
    t.same(bound.status?.accessModes, ['ReadWriteOnce']);
    const pv = await eventually(async () => {
      const v = await getVolume(pvName);
      return v?.status?.phase === 'Bound' ? v : undefined;
    }, 10_000, 'volume Bound');
    t.same(pv.spec.hostPath, { path: `/data/storage/${pvName}_ns_data`, type: 'DirectoryOrCreate' });
    t.same(pv.spec.nodeAffinity?.required?.nodeSelectorTerms, [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n1'] }] }]);
    t.match(pv.spec.claimRef, { kind: 'PersistentVolumeClaim', namespace: 'ns', name: 'data', uid });
    t.equal(pv.spec.persistentVolumeReclaimPolicy, 'Delete');
    t.equal(pv.metadata.annotations?.[ANN_PROVISIONED_BY], 'rancher.io/local-path');
    await eventually(async () => (await h.admin.resource<CoreEvent>(events).list({ namespace: 'ns' })).items.find((e) => e.involvedObject.name === 'data' && e.reason === 'ProvisioningSucceeded' && e.message === `Successfully provisioned volume ${pvName}`), 10_000, 'ProvisioningSucceeded');

    await podClient.delete('user', { namespace: 'ns', gracePeriodSeconds: 0 });
    await claims.delete('data', { namespace: 'ns' });
    await eventually(async () => (await getVolume(pvName)) === undefined, 10_000, 'volume deleted');
  });

  t.test('a static volume binds to an Immediate claim; Retain releases it', async (t) => {
    await h.admin.resource<StorageClass>(storageClassesType).create(manual);
    await pvs.create(volume('big', { size: '10Gi', cls: 'manual', policy: 'Retain' }));
    await pvs.create(volume('small', { size: '1Gi', cls: 'manual', policy: 'Retain' }));
    await pvs.create(volume('fit', { size: '5Gi', cls: 'manual', policy: 'Retain' }));
    await eventually(async () => (await getVolume('fit'))?.status?.phase === 'Available', 10_000, 'volume Available');
    await claims.create(claim('static', { size: '3Gi', cls: 'manual' }), { namespace: 'ns' });
    const bound = await eventually(async () => {
      const c = await getClaim('static');
      return c.status?.phase === 'Bound' ? c : undefined;
    }, 10_000, 'static claim Bound');
    t.equal(bound.spec.volumeName, 'fit', 'the smallest that fits');
    t.same(bound.status?.capacity, { storage: '5Gi' });
    const pv = await eventually(async () => {
      const v = await getVolume('fit');
      return v?.status?.phase === 'Bound' ? v : undefined;
    }, 10_000, 'static volume Bound');
    t.match(pv.spec.claimRef, { name: 'static', namespace: 'ns', uid: bound.metadata.uid });
    await claims.delete('static', { namespace: 'ns' });
    await eventually(async () => (await getVolume('fit'))?.status?.phase === 'Released', 10_000, 'volume Released');
  });

  t.test('a claim without a class gets the default', async (t) => {
    const made = await claims.create(claim('plain', { size: '1Gi' }), { namespace: 'ns' });
    if (made.spec.storageClassName) {
      // DefaultStorageClass admission set it: the claim is WaitForFirstConsumer like any local-path claim.
      t.equal(made.spec.storageClassName, 'local-path');
      return;
    }
    // Without that admission: the binder writes the default class if the apiserver lets it
    // (RetroactiveDefaultStorageClass), else provisions at once on a ready node.
    const c = await eventually(async () => {
      const c = await getClaim('plain');
      return c.spec.storageClassName === 'local-path' || c.status?.phase === 'Bound' ? c : undefined;
    }, 10_000, 'the default class applied');
    if (c.status?.phase === 'Bound') t.equal((await getVolume(c.spec.volumeName!))?.spec.storageClassName, 'local-path');
    else t.equal(c.status?.phase ?? 'Pending', 'Pending', 'written into the claim: waits for a consumer');
  });
});
