// Choosing among preemption candidates and ordering victims. Mirrors framework/preemption
// pickOneNodeForPreemption (in order: fewest PDB violations, lowest highest-victim priority,
// smallest sum of victim priorities (each shifted by MaxInt32+1), fewest victims, latest start of
// the highest-priority victims; then the first) and util.MoreImportantPod (higher priority, then
// earlier start time).

import { podPriority, type Pod } from '../framework/api-types.js';

export interface Candidate {
  readonly node: string;
  /** Most important first. */
  readonly victims: readonly Pod[];
  readonly numPDBViolations: number;
}

/** GetPodStartTime: status.startTime, or now for a pod that has not started. */
export function podStartTime(pod: Pod, now: number): number {
  const t = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
  return Number.isNaN(t) ? now : t;
}

/** util.MoreImportantPod: higher priority, or equal priority and started earlier. */
export function moreImportantPod(a: Pod, b: Pod, now: number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return podStartTime(a, now) < podStartTime(b, now);
}

/** GetEarliestPodStartTime: the earliest start among the victims of the highest priority. */
function earliestStartOfHighest(victims: readonly Pod[], now: number): number {
  const highest = Math.max(...victims.map(podPriority));
  return Math.min(...victims.filter((v) => podPriority(v) === highest).map((v) => podStartTime(v, now)));
}

const MAX_INT32_PLUS_ONE = 2 ** 31;

export function pickOneNodeForPreemption(candidates: readonly Candidate[], now: number): Candidate {
  if (candidates.length === 0) throw new Error('no candidates');
  const zero = candidates.find((c) => c.victims.length === 0);
  if (zero) return zero;
  // Each function scores a candidate; higher is better. Keep the best, move to the next on a tie.
  const scoreFuncs: Array<(c: Candidate) => number> = [
    (c) => -c.numPDBViolations,
    (c) => -podPriority(c.victims[0]!),
    (c) => -c.victims.reduce((s, v) => s + podPriority(v) + MAX_INT32_PLUS_ONE, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfHighest(c.victims, now),
  ];
  let remaining = [...candidates];
  for (const f of scoreFuncs) {
    const scores = remaining.map(f);
    const best = Math.max(...scores);
    remaining = remaining.filter((_, i) => scores[i] === best);
    if (remaining.length === 1) return remaining[0]!;
  }
  return remaining[0]!;
}
