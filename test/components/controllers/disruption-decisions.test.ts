// Table tests of the disruption controller's arithmetic: expected and desired counts, healthy pods,
// disrupted pods, and the status with its DisruptionAllowed condition.
import t from 'tap';
import { countHealthy, disruptedPodMap, expectedPodCount, failSafeStatus, nextPdbStatus } from '../../../components/controllers/disruption/pdb-status.js';
import type { Pod, PodDisruptionBudget } from '../../../components/controllers/workload-common/types.js';

const pdb = (spec: PodDisruptionBudget['spec'], status?: PodDisruptionBudget['status']): PodDisruptionBudget => ({ metadata: { name: 'b', namespace: 'ns', generation: 2 }, spec, status });
const pod = (name: string, ready = true, deleting = false): Pod => ({
  metadata: { name, ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
});

t.test('expectedPodCount', async (t) => {
  const pods = [pod('a'), pod('b'), pod('c')];
  const cases: Array<[string, PodDisruptionBudget['spec'], number, { expectedCount: number; desiredHealthy: number }]> = [
    ['minAvailable int counts the pods', { minAvailable: 2 }, 10, { expectedCount: 3, desiredHealthy: 2 }],
    ['minAvailable % of the scale, rounded up', { minAvailable: '50%' }, 5, { expectedCount: 5, desiredHealthy: 3 }],
    ['maxUnavailable int', { maxUnavailable: 1 }, 4, { expectedCount: 4, desiredHealthy: 3 }],
    ['maxUnavailable % rounds up', { maxUnavailable: '30%' }, 5, { expectedCount: 5, desiredHealthy: 3 }],
    ['never below zero', { maxUnavailable: 10 }, 4, { expectedCount: 4, desiredHealthy: 0 }],
  ];
  for (const [name, spec, scale, want] of cases) t.same(expectedPodCount(pdb(spec), pods, () => scale), want, name);
});

t.test('healthy, disrupted and status', async (t) => {
  const now = Date.parse('2024-01-01T00:10:00Z');
  const pods = [pod('a'), pod('b'), pod('c', false), pod('d', true, true), pod('e')];
  const disrupted = disruptedPodMap(pdb({ minAvailable: 1 }, { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0, disruptedPods: { e: '2024-01-01T00:09:30Z', a: '2024-01-01T00:01:00Z' } }), pods, now);
  t.same(disrupted.disrupted, { e: '2024-01-01T00:09:30Z' }, 'an eviction older than 2 minutes is dropped');
  t.same(disrupted.notDeleted.map((p) => p.metadata?.name), ['a']);
  t.equal(disrupted.recheckAtMs, Date.parse('2024-01-01T00:11:30Z'));
  t.equal(countHealthy(pods, disrupted.disrupted, now), 2, 'not ready, deleting and disrupted pods are not healthy');
  const s = nextPdbStatus(pdb({ minAvailable: 1 }), { expectedCount: 5, desiredHealthy: 1, currentHealthy: 2, disrupted: {}, nowIso: '2024-01-01T00:10:00Z' });
  t.match(s, { disruptionsAllowed: 1, observedGeneration: 2, conditions: [{ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 2 }] });
  t.equal(nextPdbStatus(pdb({ minAvailable: 1 }, s), { expectedCount: 5, desiredHealthy: 1, currentHealthy: 2, disrupted: {}, nowIso: 'later' }), undefined, 'no write when nothing changed');
  t.match(nextPdbStatus(pdb({ minAvailable: 1 }), { expectedCount: 0, desiredHealthy: 0, currentHealthy: 2, disrupted: {}, nowIso: 'x' }), { disruptionsAllowed: 0, conditions: [{ reason: 'InsufficientPods', status: 'False' }] }, 'nothing expected: nothing allowed');
  t.match(failSafeStatus(pdb({ minAvailable: 1 }, s), new Error('boom'), 'x'), { disruptionsAllowed: 0, conditions: [{ reason: 'SyncFailed', status: 'False', message: 'boom' }] });
});
