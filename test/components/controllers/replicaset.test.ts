// The ReplicaSet and ReplicationController controllers against a real apiserver, under their own
// ServiceAccounts: creation with generateName and controller references, events, status, ranked
// scale-down, adoption and release, ReplicaFailure on forbidden creates.
import t from 'tap';
import { Client } from '../../../components/client/client.js';
import { ApiError, type Transport } from '../../../components/client/transport.js';
import { ControllerManager } from '../../../components/controllers/runtime/controller-manager.js';
import type { CoreEvent } from '../../../components/client/event-recorder.js';
import { events, pods, replicaSets, replicationControllers } from '../../../components/client/resource-types.js';
import { replicaSetController, replicationControllerController } from '../../../components/controllers/replicaset/index.js';
import type { Pod, ReplicaSet } from '../../../components/controllers/shared/workload-types.js';
import { ensureNamespace, eventually, markPodReady, startControllerHarness } from './harness.js';

const template = (labels: Record<string, string>) => ({ metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });

t.test('ReplicaSet: create, status, scale down by rank, adopt and release', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await h.run(replicaSetController(), { serviceAccount: 'replicaset-controller' });
  const rsc = h.admin.resource<ReplicaSet>(replicaSets);
  const pc = h.admin.resource<Pod>(pods);
  const list = async () => (await pc.list({ namespace: 'ns', labelSelector: 'app=web' })).items.filter((p) => !p.metadata?.deletionTimestamp);

  const rs = await rsc.create({ metadata: { name: 'web', namespace: 'ns' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) } });
  const created = await eventually(async () => ((await list()).length === 3 ? list() : undefined));
  for (const p of created) {
    t.match(p.metadata?.name, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    t.same(p.metadata?.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
  }
  const st = await eventually(async () => {
    const got = await rsc.get('web', { namespace: 'ns' });
    return got.status?.replicas === 3 && got.status.observedGeneration === 1 ? got.status : undefined;
  });
  t.same(st, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 });
  const evs = await eventually(async () => {
    const items = (await h.admin.resource<CoreEvent>(events).list({ namespace: 'ns' })).items;
    return items.filter((e) => e.reason === 'SuccessfulCreate').length === 3 ? items : undefined;
  });
  t.ok(evs.every((e) => e.source.component === 'replicaset-controller'));
  t.same(evs.map((e) => e.message).sort(), created.map((p) => `Created pod: ${p.metadata?.name}`).sort());

  // Two ready pods; scaling to 2 deletes the one that is not ready.
  await markPodReady(h.admin, created[0]!);
  await markPodReady(h.admin, created[1]!);
  await eventually(async () => (await rsc.get('web', { namespace: 'ns' })).status?.availableReplicas === 2);
  await rsc.patch('web', { spec: { replicas: 2 } }, { namespace: 'ns', type: 'merge' });
  const left = await eventually(async () => ((await list()).length === 2 ? list() : undefined));
  t.same(left.map((p) => p.metadata?.name).sort(), [created[0]!.metadata!.name, created[1]!.metadata!.name].sort(), 'the not-ready pod goes first');

  // An orphan that matches is adopted (and the surplus deleted); a pod relabelled is released.
  await pc.create({ metadata: { name: 'orphan', namespace: 'ns', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  await eventually(async () => (await list()).length === 2);
  await pc.patch(left[0]!.metadata!.name!, { metadata: { labels: { app: 'other' } } }, { namespace: 'ns', type: 'merge' });
  const released = await eventually(async () => {
    const p = await pc.get(left[0]!.metadata!.name!, { namespace: 'ns' });
    return (p.metadata?.ownerReferences ?? []).length === 0 ? p : undefined;
  });
  t.ok(released, 'released: no owner reference left');
  await eventually(async () => (await list()).length === 2 && (await list()).every((p) => p.metadata?.ownerReferences?.[0]?.uid === rs.metadata!.uid));
});

t.test('ReplicaFailure when creates are forbidden (slow start stops after the first batch); ReplicationController', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  // Pod creates fail as a quota would refuse them (the seam: the controller's transport).
  const base = h.context({ serviceAccount: 'replicaset-controller' });
  const inner = base.client.transport;
  const quota: Transport = {
    request: (req, signal) =>
      req.method === 'POST' && req.path.endsWith('/pods')
        ? Promise.reject(new ApiError({ code: 403, reason: 'Forbidden', message: 'pods "bad-x" is forbidden: exceeded quota: q, requested: pods=1, used: pods=0, limited: pods=0' }))
        : inner.request(req, signal),
    watch: (req, signal) => inner.watch(req, signal),
  };
  const stop = new AbortController();
  const running = new ControllerManager({ ...base, client: new Client(quota) }).add(replicaSetController()).run(stop.signal);
  t.teardown(async () => {
    stop.abort();
    await running;
  });
  await h.run(replicationControllerController(), { serviceAccount: 'replication-controller' });
  const rsc = h.admin.resource<ReplicaSet>(replicaSets);
  await rsc.create({ metadata: { name: 'bad', namespace: 'ns' }, spec: { replicas: 4, selector: { matchLabels: { app: 'bad' } }, template: template({ app: 'bad' }) } });
  const bad = await eventually(async () => {
    const got = await rsc.get('bad', { namespace: 'ns' });
    return got.status?.conditions?.length ? got : undefined;
  });
  t.match(bad.status!.conditions![0], { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: /forbidden/ });
  const failed = await eventually(async () => {
    const items = (await h.admin.resource<CoreEvent>(events).list({ namespace: 'ns' })).items.filter((e) => e.reason === 'FailedCreate');
    return items.length ? items : undefined;
  });
  t.match(failed[0]!.message, /^Error creating: .*forbidden/);
  t.equal(failed[0]!.type, 'Warning');

  const rcs = h.admin.resource<ReplicaSet>(replicationControllers);
  await rcs.create({ metadata: { name: 'rc', namespace: 'ns' }, spec: { replicas: 2, selector: { app: 'rc' }, template: template({ app: 'rc' }) } });
  const made = await eventually(async () => {
    const items = (await h.admin.resource<Pod>(pods).list({ namespace: 'ns', labelSelector: 'app=rc' })).items;
    return items.length === 2 ? items : undefined;
  });
  t.match(made[0]!.metadata!.ownerReferences, [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'rc', controller: true }]);
  await eventually(async () => (await rcs.get('rc', { namespace: 'ns' })).status?.replicas === 2);
});
