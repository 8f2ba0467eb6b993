// Pod predicates shared by the workload controllers (upstream's controller.IsPodActive and
// podutil.IsPodReady / IsPodAvailable).
import { timeMs, type Pod } from './workload-types.js';

/** Not finished (Succeeded/Failed) and not being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** When the pod last became Ready (ms), if it is Ready. */
export function podReadySince(pod: Pod): number | undefined {
  const c = pod.status?.conditions?.find((c) => c.type === 'Ready' && c.status === 'True');
  return c ? timeMs(c.lastTransitionTime) : undefined;
}

/** Ready for at least minReadySeconds at `now` (ms); with 0, Ready is enough. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const since = podReadySince(pod);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}
