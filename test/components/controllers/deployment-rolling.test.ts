// Table tests of the Deployment controller's pure parts: fenceposts, rollout steps, proportional
// scaling, hashes, revision annotations and the status conditions.
import t from 'tap';
import { resolveFenceposts, setNewReplicaSetAnnotations } from '../../../components/controllers/deployment/deployment-util.js';
import { newReplicaSetReplicas, oldReplicaSetsScaleDown, proportionalScale } from '../../../components/controllers/deployment/rolling.js';
import { rolloutStatus } from '../../../components/controllers/deployment/status.js';
import { computeHash, equalIgnoreHash } from '../../../components/controllers/deployment/template-hash.js';
import type { Deployment, ReplicaSet } from '../../../components/controllers/shared/workload-types.js';

const NOW = Date.parse('2024-01-01T12:00:00Z');
const dep = (replicas: number, surge: number | string = '25%', unavailable: number | string = '25%', extra: Partial<NonNullable<Deployment['spec']>> = {}): Deployment => ({
  metadata: { name: 'web', namespace: 'ns', generation: 1 },
  spec: { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavailable } }, progressDeadlineSeconds: 600, ...extra },
});
let n = 0;
const rs = (name: string, replicas: number, available = replicas, annotations: Record<string, string> = {}): ReplicaSet => ({
  metadata: { name, uid: name, creationTimestamp: new Date(NOW + n++ * 1000).toISOString(), annotations },
  spec: { replicas },
  status: { replicas, availableReplicas: available, readyReplicas: available },
});

t.test('resolveFenceposts: surge rounds up, unavailable down, never both 0', async (t) => {
  const cases: Array<[number, number | string, number | string, { surge: number; unavailable: number }]> = [
    [3, '25%', '25%', { surge: 1, unavailable: 0 }],
    [10, '25%', '25%', { surge: 3, unavailable: 2 }],
    [4, 0, 0, { surge: 0, unavailable: 1 }],
    [5, 2, '50%', { surge: 2, unavailable: 2 }],
  ];
  for (const [r, s, u, want] of cases) t.same(resolveFenceposts(dep(r, s, u)), want, `${r} ${s} ${u}`);
});

t.test('newReplicaSetReplicas', async (t) => {
  t.equal(newReplicaSetReplicas(dep(3), [rs('old', 3), rs('new', 0)], rs('new', 0)), 1, 'one surge pod');
  t.equal(newReplicaSetReplicas(dep(3), [rs('old', 3), rs('new', 1)], rs('new', 1)), 1, 'at maxTotal: no change');
  t.equal(newReplicaSetReplicas(dep(10), [rs('old', 8), rs('new', 2)], rs('new', 2)), 5);
  t.equal(newReplicaSetReplicas({ ...dep(3), spec: { ...dep(3).spec, strategy: { type: 'Recreate' } } }, [rs('new', 0)], rs('new', 0)), 3, 'Recreate: all at once');
});

t.test('oldReplicaSetsScaleDown', async (t) => {
  const target = (d: Deployment, olds: ReplicaSet[], nrs: ReplicaSet) => oldReplicaSetsScaleDown(d, olds, nrs).map((x) => [x.rs.metadata!.name, x.replicas]);
  t.same(target(dep(3), [rs('old', 3)], rs('new', 1, 0)), [], 'maxUnavailable 0 and the new pod not available yet');
  t.same(target(dep(3), [rs('old', 3)], rs('new', 1, 1)), [['old', 2]], 'one new pod available: one old pod goes');
  t.same(target(dep(10), [rs('old', 10)], rs('new', 3, 0)), [['old', 8]], 'maxUnavailable 2');
  t.same(target(dep(4, 1, 1), [rs('a', 2, 0), rs('b', 3, 3)], rs('new', 0, 0)), [['a', 0]], 'unhealthy old replicas go first');
  t.same(target(dep(4, 1, 2), [rs('a', 2, 0), rs('b', 3, 3)], rs('new', 0, 0)), [['a', 0], ['b', 2]], 'then available ones within maxUnavailable');
});

t.test('proportionalScale', async (t) => {
  const d = dep(20, 3, 2);
  const a = rs('a', 8, 8, { 'deployment.kubernetes.io/max-replicas': '13' });
  const b = rs('b', 5, 5, { 'deployment.kubernetes.io/max-replicas': '13' });
  const { targets, operation } = proportionalScale(d, [a, b]);
  t.equal(operation, 'up');
  t.same(targets.map((x) => [x.rs.metadata!.name, x.replicas]), [['a', 14], ['b', 9]], '13 → 23 shared by size');
  const down = proportionalScale(dep(0), [a, b]);
  t.same(down.targets.map((x) => x.replicas), [0, 0]);
});

t.test('computeHash and equalIgnoreHash', async (t) => {
  const tpl = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'a' }] } };
  const h = computeHash(tpl);
  t.match(h, /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  t.equal(computeHash(structuredClone(tpl)), h, 'stable');
  t.equal(computeHash({ spec: tpl.spec, metadata: tpl.metadata }), h, 'key order does not matter');
  t.not(computeHash(tpl, 1), h, 'collisionCount changes the hash');
  t.ok(equalIgnoreHash(tpl, { ...tpl, metadata: { labels: { app: 'web', 'pod-template-hash': h } } }));
  t.notOk(equalIgnoreHash(tpl, { ...tpl, spec: { containers: [{ name: 'c', image: 'b' }] } }));
});

t.test('revision annotations', async (t) => {
  const d = dep(3);
  d.metadata!.annotations = { team: 'a', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
  const fresh = rs('new', 0);
  t.ok(setNewReplicaSetAnnotations(d, fresh, 1, false));
  t.same(fresh.metadata!.annotations, { team: 'a', 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
  const back = rs('old', 0, 0, { 'deployment.kubernetes.io/revision': '1' });
  setNewReplicaSetAnnotations(d, back, 3, true);
  t.equal(back.metadata!.annotations!['deployment.kubernetes.io/revision'], '3', 'a rollback takes the next revision');
  t.equal(back.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  setNewReplicaSetAnnotations(d, back, 5, true);
  t.equal(back.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1,3');
});

t.test('rolloutStatus conditions', async (t) => {
  const d = dep(3);
  const newRS = rs('web-abc', 3, 3);
  const done = rolloutStatus(d, [newRS], newRS, NOW);
  t.match(done, { replicas: 3, updatedReplicas: 3, availableReplicas: 3, unavailableReplicas: 0, observedGeneration: 1 });
  t.match(done.conditions, [
    { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' },
    { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: 'ReplicaSet "web-abc" has successfully progressed.' },
  ]);
  const stale = new Date(NOW - 700_000).toISOString();
  const stuck: Deployment = { ...d, status: { replicas: 3, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', lastUpdateTime: stale, lastTransitionTime: stale }] } };
  const old = rs('web-old', 2, 2);
  const partial = rs('web-abc', 1, 0);
  const timedOut = rolloutStatus(stuck, [old, partial], partial, NOW);
  t.match(timedOut.conditions?.find((c) => c.type === 'Progressing'), { status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-abc" has timed out progressing.' });
  t.match(timedOut.conditions?.find((c) => c.type === 'Available'), { status: 'False', reason: 'MinimumReplicasUnavailable' });
  const moving = rolloutStatus(stuck, [old, rs('web-abc', 1, 1)], partial, NOW);
  t.match(moving.conditions?.find((c) => c.type === 'Progressing'), { reason: 'ReplicaSetUpdated', lastTransitionTime: stale, message: 'ReplicaSet "web-abc" is progressing.' });
});
