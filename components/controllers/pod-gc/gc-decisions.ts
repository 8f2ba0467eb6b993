// The pure decisions of the pod garbage collector (mirrors pkg/controller/podgc gcTerminated,
// gcOrphaned and gcUnscheduledTerminating).
import type { Pod } from '../support/api-types.js';
import { isPodTerminal } from '../support/pods.js';

/**
 * The terminated (Succeeded/Failed) pods beyond `threshold`, to delete oldest first: evicted pods
 * before others, then by creationTimestamp (upstream's byEvictionAndCreationTimestamp). None when
 * threshold is 0 (disabled).
 */
export function terminatedPodsToDelete(pods: readonly Pod[], threshold: number): Pod[] {
  if (threshold <= 0) return [];
  const terminated = pods.filter((p) => isPodTerminal(p) && !p.metadata.deletionTimestamp);
  const excess = terminated.length - threshold;
  if (excess <= 0) return [];
  const evicted = (p: Pod) => (p.status?.reason === 'Evicted' ? 0 : 1);
  return [...terminated]
    .sort((a, b) => evicted(a) - evicted(b) || (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
    .slice(0, excess);
}

/** Pods bound to a node that `nodeExists` does not know. */
export function podsOnMissingNodes(pods: readonly Pod[], nodeExists: (name: string) => boolean): Pod[] {
  return pods.filter((p) => !!p.spec.nodeName && !nodeExists(p.spec.nodeName));
}

/** Pods being deleted that no node will ever stop (never scheduled). */
export function unscheduledTerminatingPods(pods: readonly Pod[]): Pod[] {
  return pods.filter((p) => !p.spec.nodeName && !!p.metadata.deletionTimestamp);
}
