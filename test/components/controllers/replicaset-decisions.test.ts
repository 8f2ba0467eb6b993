// Table tests of the ReplicaSet controller's pure parts and the shared helpers it uses.
import t from 'tap';
import { FakeClock } from '../../../components/client/fake-clock.js';
import { podsToDelete } from '../../../components/controllers/replicaset/pod-ranking.js';
import { calculateReplicaSetStatus, podFromTemplate, replicaAction } from '../../../components/controllers/replicaset/rs-decisions.js';
import { planClaims } from '../../../components/controllers/shared/controller-ref-manager.js';
import { ControllerExpectations, EXPECTATIONS_TIMEOUT_MS } from '../../../components/controllers/shared/expectations.js';
import { mapMatcher, selectorMatcher } from '../../../components/controllers/shared/label-selector.js';
import { slowStartBatch } from '../../../components/controllers/shared/slow-start.js';
import type { Pod, ReplicaSet } from '../../../components/controllers/shared/workload-types.js';

const NOW = Date.parse('2024-01-01T12:00:00Z');
const ago = (s: number) => new Date(NOW - s * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
interface P {
  node?: string;
  phase?: string;
  readySecondsAgo?: number;
  cost?: number;
  restarts?: number;
  createdSecondsAgo?: number;
  uid?: string;
}
const pod = (name: string, o: P = {}): Pod => ({
  metadata: {
    name,
    namespace: 'ns',
    uid: o.uid ?? name,
    creationTimestamp: ago(o.createdSecondsAgo ?? 1000),
    ...(o.cost !== undefined ? { annotations: { 'controller.kubernetes.io/pod-deletion-cost': String(o.cost) } } : {}),
    labels: { app: 'web' },
  },
  spec: o.node ? { nodeName: o.node } : {},
  status: {
    phase: o.phase ?? 'Running',
    conditions: o.readySecondsAgo !== undefined ? [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.readySecondsAgo) }] : [],
    containerStatuses: [{ restartCount: o.restarts ?? 0 }],
  },
});

t.test('replicaAction', async (t) => {
  t.same(replicaAction(0, 3), { create: 3 });
  t.same(replicaAction(5, 3), { delete: 2 });
  t.equal(replicaAction(3, 3), undefined);
  t.same(replicaAction(0, 10_000), { create: 500 }, 'burstReplicas');
});

t.test('scale-down ranking (ActivePodsWithRanks)', async (t) => {
  const cases: Array<{ name: string; pods: Pod[]; want: string }> = [
    { name: 'unassigned before assigned', pods: [pod('a', { node: 'n1' }), pod('b')], want: 'b' },
    { name: 'Pending before Running', pods: [pod('a', { node: 'n', phase: 'Running' }), pod('b', { node: 'n', phase: 'Pending' })], want: 'b' },
    { name: 'Unknown before Running', pods: [pod('a', { node: 'n', phase: 'Running' }), pod('b', { node: 'n', phase: 'Unknown' })], want: 'b' },
    { name: 'not ready before ready', pods: [pod('a', { node: 'n', readySecondsAgo: 10 }), pod('b', { node: 'n' })], want: 'b' },
    { name: 'lower deletion cost first', pods: [pod('a', { node: 'n', cost: 10 }), pod('b', { node: 'n', cost: -1 })], want: 'b' },
    { name: 'doubled up first', pods: [pod('a', { node: 'n1' }), pod('b', { node: 'n2' }), pod('c', { node: 'n2' })], want: 'b' },
    { name: 'more recently ready first', pods: [pod('a', { node: 'n', readySecondsAgo: 5000 }), pod('b', { node: 'n', readySecondsAgo: 10 })], want: 'b' },
    {
      name: 'same log bucket of readiness: lower uid first',
      pods: [pod('a', { node: 'n', readySecondsAgo: 1000, uid: 'z' }), pod('b', { node: 'n', readySecondsAgo: 1001, uid: 'y' })],
      want: 'b',
    },
    { name: 'more restarts first', pods: [pod('a', { node: 'n', restarts: 1 }), pod('b', { node: 'n', restarts: 5 })], want: 'b' },
    { name: 'newer first', pods: [pod('a', { node: 'n', createdSecondsAgo: 100000 }), pod('b', { node: 'n', createdSecondsAgo: 10 })], want: 'b' },
  ];
  for (const c of cases) t.equal(podsToDelete(c.pods, c.pods, 1, NOW)[0]!.metadata!.name, c.want, c.name);
});

t.test('calculateReplicaSetStatus', async (t) => {
  const rs: ReplicaSet = { metadata: { name: 'web', generation: 4 }, spec: { replicas: 3, minReadySeconds: 30, template: { metadata: { labels: { app: 'web', tier: 'x' } } } } };
  const pods = [pod('a', { readySecondsAgo: 60 }), pod('b', { readySecondsAgo: 5 }), pod('c')];
  pods[0]!.metadata!.labels = { app: 'web', tier: 'x' };
  const s = calculateReplicaSetStatus({ rs, pods, now: NOW });
  t.same(s, { replicas: 3, fullyLabeledReplicas: 1, readyReplicas: 2, availableReplicas: 1, observedGeneration: 4 });
  const failed = calculateReplicaSetStatus({ rs: { ...rs, spec: { ...rs.spec, replicas: 5 } }, pods, manageError: new Error('exceeded quota'), now: NOW });
  t.match(failed.conditions, [{ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'exceeded quota' }]);
  const cleared = calculateReplicaSetStatus({ rs: { ...rs, status: { replicas: 3, conditions: failed.conditions } }, pods, now: NOW });
  t.equal(cleared.conditions, undefined, 'a successful sync removes ReplicaFailure');
});

t.test('podFromTemplate', async (t) => {
  const ref = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'u', controller: true, blockOwnerDeletion: true }];
  const p = podFromTemplate({ metadata: { name: 'web', namespace: 'ns' }, spec: { template: { metadata: { labels: { a: 'b' }, annotations: { x: 'y' } }, spec: { containers: [] } } } }, ref);
  t.same(p.metadata, { generateName: 'web-', namespace: 'ns', ownerReferences: ref, labels: { a: 'b' }, annotations: { x: 'y' } });
});

t.test('slowStartBatch: 1, 2, 4, … and stop at the first failing batch', async (t) => {
  let calls = 0;
  t.same(await slowStartBatch(10, 1, async () => void calls++), { successes: 10 });
  t.equal(calls, 10);
  calls = 0;
  const r = await slowStartBatch(10, 1, async () => {
    calls++;
    if (calls === 2) throw new Error('quota');
  });
  t.equal(calls, 3, 'batches of 1 then 2; the 4-batch never starts');
  t.equal(r.successes, 2);
  t.match(r.error, { message: 'quota' });
});

t.test('expectations', async (t) => {
  const clock = new FakeClock(NOW);
  const e = new ControllerExpectations(clock);
  t.ok(e.satisfied('k'), 'nothing recorded');
  e.expectCreations('k', 2);
  t.notOk(e.satisfied('k'));
  e.creationObserved('k');
  e.creationObserved('k');
  t.ok(e.satisfied('k'));
  e.expectDeletions('k', ['ns/a', 'ns/b']);
  e.deletionObserved('k', 'ns/a');
  e.deletionObserved('k', 'ns/a');
  t.notOk(e.satisfied('k'), 'a deletion counts once');
  await clock.advance(EXPECTATIONS_TIMEOUT_MS + 1);
  t.ok(e.satisfied('k'), 'expired');
});

t.test('selectors and claims', async (t) => {
  const m = selectorMatcher({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
  t.ok(m({ app: 'web' }));
  t.notOk(m({ app: 'web', tier: 'db' }));
  t.notOk(selectorMatcher(undefined)({ a: 'b' }), 'no selector selects nothing');
  t.ok(selectorMatcher({})({ a: 'b' }), 'an empty selector selects everything');
  t.ok(mapMatcher({ app: 'rc' })({ app: 'rc', x: 'y' }));

  const owner = { metadata: { uid: 'o' } };
  const mine = (name: string, labels: Record<string, string>) => ({ metadata: { name, labels, ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'o', uid: 'o', controller: true }] } });
  const plan = planClaims(owner, selectorMatcher({ matchLabels: { app: 'web' } }), [
    mine('keep', { app: 'web' }),
    mine('release', { app: 'other' }),
    { metadata: { name: 'adopt', labels: { app: 'web' } } },
    { metadata: { name: 'deleting', labels: { app: 'web' }, deletionTimestamp: ago(1) } },
    { metadata: { name: 'theirs', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'z', uid: 'z', controller: true }] } },
  ]);
  t.same([plan.owned, plan.adopt, plan.release].map((l) => l.map((o) => o.metadata.name)), [['keep'], ['adopt'], ['release']]);
});
