// Label selectors, node affinity and tolerations for the workload controllers, through the same pure
// matching the scheduler uses (metav1.LabelSelectorAsSelector, nodeaffinity, ToleratesTaint).
import {
  findUntoleratedTaint,
  labelSelector,
  matchesLabels,
  podMatchesNodeSelectorAndAffinity,
} from '../../scheduler/framework/selectors.js';
import type { Node as SchedNode, Pod as SchedPod } from '../../scheduler/framework/api-types.js';
import type { LabelSelector, Node, PodSpec, Taint, Toleration } from './types.js';

/** A LabelSelector as a predicate: null/absent selects nothing, {} everything, invalid nothing. */
export function selectorMatcher(selector: LabelSelector | null | undefined): (labels: Record<string, string> | undefined) => boolean {
  const s = labelSelector(selector ?? null);
  return (labels) => matchesLabels(s, labels ?? {});
}

/** A selector with no requirement at all (`{}`), which workload controllers refuse to act on. */
export function selectsEverything(selector: LabelSelector | null | undefined): boolean {
  return !!selector && Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector and required node affinity. */
export function fitsNodeAffinity(spec: PodSpec, node: Node): boolean {
  const pod = { metadata: {}, spec } as unknown as SchedPod;
  const n = { metadata: { name: node.metadata?.name, labels: node.metadata?.labels ?? {} } } as unknown as SchedNode;
  return podMatchesNodeSelectorAndAffinity(pod, n);
}

/** The first taint that `filter` keeps and no toleration tolerates (v1helper.FindMatchingUntoleratedTaint). */
export function untoleratedTaint(taints: readonly Taint[] | null | undefined, tolerations: readonly Toleration[] | null | undefined, filter: (t: Taint) => boolean): Taint | undefined {
  return findUntoleratedTaint(taints as never, tolerations as never, filter as never) as Taint | undefined;
}
