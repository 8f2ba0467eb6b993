// The disruption controller against a real apiserver, as system:serviceaccount:kube-system:disruption-controller:
// a budget's status follows its pods' readiness (minAvailable int), a percentage maxUnavailable is
// scaled by the owning ReplicaSet's replicas, and an unknown controller leaves the budget fail-safe.
import t from 'tap';
import { pods, replicaSets } from '../../../components/client/resource-types.js';
import { disruptionController } from '../../../components/controllers/disruption/index.js';
import { podDisruptionBudgets, type Obj, type Pod, type PodDisruptionBudget } from '../../../components/controllers/workload-common/types.js';
import { ensureNamespace, eventually, markPodReady, startControllerHarness } from './harness.js';

t.test('PodDisruptionBudget status', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await h.run(disruptionController(), { serviceAccount: 'disruption-controller' });
  const rs = await h.admin.resource<Obj & { spec?: unknown }>(replicaSets).create({
    metadata: { name: 'web', namespace: 'ns' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  });
  const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata!.uid!, controller: true };
  const pc = h.admin.resource<Pod>(pods);
  const made: Pod[] = [];
  for (const n of [0, 1, 2]) made.push(await pc.create({ metadata: { name: `web-${n}`, namespace: 'ns', labels: { app: 'web' }, ownerReferences: [owner] }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }));
  await markPodReady(h.admin, made[0]!);
  await markPodReady(h.admin, made[1]!);
  const bc = h.admin.resource<PodDisruptionBudget>(podDisruptionBudgets);
  await bc.create({ metadata: { name: 'min', namespace: 'ns' }, spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } } });
  await bc.create({ metadata: { name: 'pct', namespace: 'ns' }, spec: { maxUnavailable: '50%', selector: { matchLabels: { app: 'web' } } } });
  const statusOf = (name: string, ok: (s: PodDisruptionBudget['status']) => boolean) =>
    eventually(async () => {
      const s = (await bc.get(name, { namespace: 'ns' })).status;
      return s && ok(s) ? s : undefined;
    }, 10_000, `status of ${name}`);

  const min = await statusOf('min', (s) => s?.expectedPods === 3);
  t.match(min, { currentHealthy: 2, desiredHealthy: 2, expectedPods: 3, disruptionsAllowed: 0, observedGeneration: 1 });
  t.match(min.conditions, [{ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', observedGeneration: 1 }]);
  const pct = await statusOf('pct', (s) => s?.expectedPods === 3);
  t.match(pct, { currentHealthy: 2, desiredHealthy: 1, expectedPods: 3, disruptionsAllowed: 1 });
  t.match(pct.conditions, [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }]);

  await markPodReady(h.admin, made[2]!);
  const after = await statusOf('min', (s) => s?.currentHealthy === 3);
  t.match(after, { desiredHealthy: 2, disruptionsAllowed: 1 });
  t.match(after.conditions, [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' }]);

  // A pod whose controller cannot be found makes a percentage budget fail safe.
  await pc.create({ metadata: { name: 'stray', namespace: 'ns', labels: { app: 'web' }, ownerReferences: [{ ...owner, name: 'gone', uid: '00000000-0000-0000-0000-000000000000' }] }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
  const failed = await statusOf('pct', (s) => s?.conditions?.[0]?.reason === 'SyncFailed');
  t.equal(failed.disruptionsAllowed, 0);
  t.match(failed.conditions?.[0]?.message, /found no controllers for pod "stray"/);
});
