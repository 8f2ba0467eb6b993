// Pod predicates of the workload controllers (podutil.IsPodReady / IsPodAvailable and the
// statefulset helpers isRunningAndReady, isTerminating, isHealthy…).
import type { Pod } from './types.js';

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Ready for longer than minReadySeconds at `nowMs` (podutil.IsPodAvailable); with 0, Ready is enough. */
export function isPodAvailable(pod: Pod, minReadySeconds: number | undefined, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = Date.parse(pod.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '');
  return !Number.isNaN(since) && since + minReadySeconds * 1000 < nowMs;
}

export const isTerminating = (pod: Pod): boolean => !!pod.metadata?.deletionTimestamp;
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed';
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded';
export const isPending = (pod: Pod): boolean => pod.status?.phase === 'Pending';
export const isPodTerminal = (pod: Pod): boolean => isFailed(pod) || isSucceeded(pod);

/** Phase Running and Ready (statefulset isRunningAndReady). */
export const isRunningAndReady = (pod: Pod): boolean => pod.status?.phase === 'Running' && isPodReady(pod);

/** Running and available (statefulset isRunningAndAvailable). */
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number | undefined, nowMs: number): boolean =>
  pod.status?.phase === 'Running' && isPodAvailable(pod, minReadySeconds, nowMs);

/** Running, Ready and not being deleted (statefulset isHealthy). */
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod);

/** Creation time in ms (0 when absent), for sorting. */
export const createdMs = (pod: Pod): number => Date.parse(pod.metadata?.creationTimestamp ?? '') || 0;
