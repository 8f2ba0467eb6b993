// Which pods a ReplicaSet deletes first when it scales down: upstream's ActivePodsWithRanks.Less
// with LogarithmicScaleDown (on by default), and getPodsToDelete's rank of "doubled up" pods.
import { isPodReady, podReadySince } from '../shared/pod-state.js';
import { isPodActive } from '../shared/pod-state.js';
import { controllerRefOf } from '../shared/owner-references.js';
import { timeMs, type Pod } from '../shared/workload-types.js';

export const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[POD_DELETION_COST];
  if (v === undefined || !/^[+-]?\d+$/.test(v.trim())) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

const maxRestarts = (pod: Pod) => Math.max(0, ...(pod.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));

/** floor(log2(now - t in ns)), or -1 when t is not in the past (upstream's logarithmic buckets). */
function logBucket(t: number, now: number): number {
  const ns = (now - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Compares two times "more recent first"; missing (zero) times come first. Ties in a bucket: lower UID first. */
function recentFirst(a: Pod, b: Pod, ta: number | undefined, tb: number | undefined, now: number): number {
  if (ta === undefined || tb === undefined) return ta === undefined ? (tb === undefined ? 0 : -1) : 1;
  const diff = logBucket(ta, now) - logBucket(tb, now);
  if (diff !== 0) return diff;
  const ua = a.metadata?.uid ?? '';
  const ub = b.metadata?.uid ?? '';
  return ua < ub ? -1 : ua > ub ? 1 : 0;
}

/**
 * Negative when `a` should be deleted before `b`: unassigned before assigned; Pending < Unknown <
 * Running; not ready before ready; lower pod-deletion-cost first; more related pods on the same node
 * first; both ready: more recently ready first; more restarts first; newer first.
 */
export function compareForDeletion(a: Pod, b: Pod, rank: Map<Pod, number>, now: number): number {
  const assignedA = !!a.spec?.nodeName;
  const assignedB = !!b.spec?.nodeName;
  if (assignedA !== assignedB) return assignedA ? 1 : -1;
  const phaseA = PHASE_ORDER[a.status?.phase ?? ''] ?? 0;
  const phaseB = PHASE_ORDER[b.status?.phase ?? ''] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  const readyA = isPodReady(a);
  const readyB = isPodReady(b);
  if (readyA !== readyB) return readyA ? 1 : -1;
  const costA = deletionCost(a);
  const costB = deletionCost(b);
  if (costA !== costB) return costA - costB;
  const rankA = rank.get(a) ?? 0;
  const rankB = rank.get(b) ?? 0;
  if (rankA !== rankB) return rankB - rankA;
  if (readyA && readyB) {
    const ra = podReadySince(a);
    const rb = podReadySince(b);
    if (ra !== rb) {
      const c = recentFirst(a, b, ra, rb, now);
      if (c !== 0) return c;
    }
  }
  const restarts = maxRestarts(b) - maxRestarts(a);
  if (restarts !== 0) return restarts;
  const ca = timeMs(a.metadata?.creationTimestamp);
  const cb = timeMs(b.metadata?.creationTimestamp);
  if (ca !== cb) return recentFirst(a, b, ca, cb, now);
  return 0;
}

/**
 * The `n` pods to delete out of `pods` (upstream's getPodsToDelete): each pod is ranked by how many
 * active `related` pods (of every ReplicaSet with the same controller) share its node.
 */
export function podsToDelete(pods: Pod[], related: Pod[], n: number, now: number): Pod[] {
  if (n >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  const rank = new Map(pods.map((p) => [p, onNode.get(p.spec?.nodeName ?? '') ?? 0]));
  return [...pods].sort((a, b) => compareForDeletion(a, b, rank, now)).slice(0, n);
}

/** Pods controlled by any of `owners` (uids). */
export function podsControlledBy(pods: Pod[], owners: Set<string>): Pod[] {
  return pods.filter((p) => {
    const ref = controllerRefOf(p);
    return !!ref && owners.has(ref.uid);
  });
}
