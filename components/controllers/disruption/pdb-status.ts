// A PodDisruptionBudget's status (upstream disruption.go trySync, getExpectedPodCount,
// buildDisruptedPodMap, countHealthyPods, updatePdbStatus and pdb helpers). Pure.
// - minAvailable as an int: desiredHealthy = minAvailable, expectedPods = the matching pods;
// - minAvailable as a percentage, or maxUnavailable: expectedPods = the sum of the scales of the
//   pods' controllers, desiredHealthy = ceil(minAvailable% × expected), or expected − ceil(maxUnavailable).
// - healthy = Ready, not being deleted, not in disruptedPods (an eviction that is < 2 min old);
// - disruptionsAllowed = max(0, healthy − desired), and 0 while no pod is expected.
import { isPodReady } from '../workload-common/pod-state.js';
import { scaledValue } from '../workload-common/int-or-percent.js';
import type { MetaCondition, Pod, PodDisruptionBudget, PodDisruptionBudgetStatus } from '../workload-common/types.js';

/** DeletionTimeout: how long an eviction may wait for its pod to be deleted. */
export const DELETION_TIMEOUT_MS = 2 * 60 * 1000;
export const DISRUPTION_ALLOWED = 'DisruptionAllowed';

export interface Counts {
  expectedCount: number;
  desiredHealthy: number;
}

/** The counts; `expectedScale()` sums the pods' controllers' scales (it throws when one is unknown). */
export function expectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], expectedScale: () => number): Counts {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const expectedCount = expectedScale();
    const maxUnavailable = scaledValue(spec.maxUnavailable, expectedCount, true);
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable) };
  }
  if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable };
  if (typeof spec.minAvailable === 'string') {
    const expectedCount = expectedScale();
    return { expectedCount, desiredHealthy: scaledValue(spec.minAvailable, expectedCount, true) };
  }
  return { expectedCount: 0, desiredHealthy: 0 };
}

/** The disruptedPods entries still pending (and when to look again), and the pods whose eviction timed out. */
export function disruptedPodMap(pdb: PodDisruptionBudget, pods: readonly Pod[], nowMs: number): { disrupted: Record<string, string>; recheckAtMs?: number; notDeleted: Pod[] } {
  const out: Record<string, string> = {};
  const notDeleted: Pod[] = [];
  let recheckAtMs: number | undefined;
  const recorded = pdb.status?.disruptedPods ?? {};
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const at = recorded[pod.metadata?.name ?? ''];
    if (at === undefined) continue;
    const expectedDeletion = Date.parse(at) + DELETION_TIMEOUT_MS;
    if (expectedDeletion < nowMs) notDeleted.push(pod);
    else {
      if (recheckAtMs === undefined || expectedDeletion < recheckAtMs) recheckAtMs = expectedDeletion;
      out[pod.metadata!.name!] = at;
    }
  }
  return { disrupted: out, recheckAtMs, notDeleted };
}

export function countHealthy(pods: readonly Pod[], disrupted: Record<string, string>, nowMs: number): number {
  let healthy = 0;
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const at = disrupted[pod.metadata?.name ?? ''];
    if (at !== undefined && Date.parse(at) + DELETION_TIMEOUT_MS > nowMs) continue;
    if (isPodReady(pod)) healthy++;
  }
  return healthy;
}

/** apimeta.SetStatusCondition: lastTransitionTime moves only when the status flips. */
export function setCondition(list: readonly MetaCondition[] | undefined, next: Omit<MetaCondition, 'lastTransitionTime'>, nowIso: string): MetaCondition[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((c) => c.type === next.type);
  const old = i >= 0 ? out[i] : undefined;
  const merged: MetaCondition = { ...next, lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : nowIso };
  if (i >= 0) out[i] = merged;
  else out.push(merged);
  return out;
}

/** updatePdbStatus: the new status, or undefined when the current one is already right. */
export function nextPdbStatus(pdb: PodDisruptionBudget, o: Counts & { currentHealthy: number; disrupted: Record<string, string>; nowIso: string }): PodDisruptionBudgetStatus | undefined {
  let allowed = o.currentHealthy - o.desiredHealthy;
  if (o.expectedCount <= 0 || allowed <= 0) allowed = 0;
  const cur = pdb.status;
  const generation = pdb.metadata?.generation ?? 0;
  const cond = cur?.conditions?.find((c) => c.type === DISRUPTION_ALLOWED);
  const conditionUpToDate = !!cond && cond.observedGeneration === cur?.observedGeneration && (cond.status === 'True') === (allowed > 0);
  const sameDisrupted = JSON.stringify(Object.entries(cur?.disruptedPods ?? {}).sort()) === JSON.stringify(Object.entries(o.disrupted).sort());
  if (
    cur &&
    cur.currentHealthy === o.currentHealthy &&
    cur.desiredHealthy === o.desiredHealthy &&
    cur.expectedPods === o.expectedCount &&
    cur.disruptionsAllowed === allowed &&
    sameDisrupted &&
    cur.observedGeneration === generation &&
    conditionUpToDate
  ) {
    return undefined;
  }
  const condition = allowed > 0
    ? { type: DISRUPTION_ALLOWED, status: 'True' as const, reason: 'SufficientPods', message: '', observedGeneration: generation }
    : { type: DISRUPTION_ALLOWED, status: 'False' as const, reason: 'InsufficientPods', message: '', observedGeneration: generation };
  return {
    currentHealthy: o.currentHealthy,
    desiredHealthy: o.desiredHealthy,
    expectedPods: o.expectedCount,
    disruptionsAllowed: allowed,
    ...(Object.keys(o.disrupted).length ? { disruptedPods: o.disrupted } : {}),
    observedGeneration: generation,
    conditions: setCondition(cur?.conditions, condition, o.nowIso),
  };
}

/** failSafe: no disruption allowed, condition False with reason SyncFailed and the error. */
export function failSafeStatus(pdb: PodDisruptionBudget, err: Error, nowIso: string): PodDisruptionBudgetStatus {
  const cur = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, disruptionsAllowed: 0 };
  const condition = { type: DISRUPTION_ALLOWED, status: 'False' as const, reason: 'SyncFailed', message: err.message, observedGeneration: cur.observedGeneration };
  return { ...cur, disruptionsAllowed: 0, conditions: setCondition(cur.conditions, condition, nowIso) };
}
