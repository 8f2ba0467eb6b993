// PodTopologySpread's shared parts: the pod's constraints for one whenUnsatisfiable action (or the
// cluster default constraints), node inclusion policies and matching-pod counts. Mirrors
// podtopologyspread/common.go and plugin.go (systemDefaultConstraints: hostname maxSkew 3, zone
// maxSkew 5, both ScheduleAnyway; minDomains defaults to 1, nodeAffinityPolicy to Honor,
// nodeTaintsPolicy to Ignore; matchLabelKeys add the pod's own label values to the selector).

import { LABEL_HOSTNAME, LABEL_TOPOLOGY_ZONE, type Node, type Pod, type TopologySpreadConstraint } from '../framework/api-types.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { PodInfo } from '../framework/pod-info.js';
import {
  doNotScheduleTaint,
  findUntoleratedTaint,
  isEmptySelector,
  labelSelector,
  matchesLabels,
  podMatchesNodeSelectorAndAffinity,
  type LabelSelector,
} from '../framework/selectors.js';

export interface SpreadConstraint {
  readonly maxSkew: number;
  readonly topologyKey: string;
  readonly selector: LabelSelector;
  readonly minDomains: number;
  readonly nodeAffinityPolicy: string;
  readonly nodeTaintsPolicy: string;
}

export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = Object.freeze([
  { topologyKey: LABEL_HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LABEL_TOPOLOGY_ZONE, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
]);

function toConstraint(c: TopologySpreadConstraint, selector: LabelSelector): SpreadConstraint {
  return {
    maxSkew: c.maxSkew,
    topologyKey: c.topologyKey,
    selector,
    minDomains: c.minDomains ?? 1,
    nodeAffinityPolicy: c.nodeAffinityPolicy ?? 'Honor',
    nodeTaintsPolicy: c.nodeTaintsPolicy ?? 'Ignore',
  };
}

/** The pod's own constraints for `action`, with matchLabelKeys merged into the selector. */
function ownConstraints(pod: Pod, action: string): SpreadConstraint[] {
  const labels = pod.metadata.labels ?? {};
  return (pod.spec.topologySpreadConstraints ?? [])
    .filter((c) => c.whenUnsatisfiable === action)
    .map((c) => {
      let selector = labelSelector(c.labelSelector);
      const extra = (c.matchLabelKeys ?? []).filter((k) => k in labels);
      if (extra.length > 0 && !selector.matchNothing) {
        const added = extra.map((key) => ({ key, operator: '=' as const, values: [labels[key]!] }));
        selector = { requirements: [...added, ...selector.requirements] };
      }
      return toConstraint(c, selector);
    });
}

/**
 * The constraints PodTopologySpread applies for `action`. A pod without constraints gets the
 * cluster defaults, but only with a non-empty default selector (buildDefaultConstraints).
 */
export function spreadConstraints(pod: Pod, action: 'DoNotSchedule' | 'ScheduleAnyway', defaultSelector: LabelSelector | undefined): { constraints: SpreadConstraint[]; systemDefaulted: boolean } {
  if ((pod.spec.topologySpreadConstraints ?? []).length > 0) return { constraints: ownConstraints(pod, action), systemDefaulted: false };
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === action);
  if (defaults.length === 0 || !defaultSelector || isEmptySelector(defaultSelector) || defaultSelector.matchNothing) {
    return { constraints: [], systemDefaulted: true };
  }
  return { constraints: defaults.map((c) => toConstraint(c, defaultSelector)), systemDefaulted: true };
}

/** matchNodeInclusionPolicies: Honor means the node must pass the pod's node affinity / taints. */
export function nodeIncluded(c: SpreadConstraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !podMatchesNodeSelectorAndAffinity(pod, node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, doNotScheduleTaint)) return false;
  return true;
}

/** Every constraint's topology key is a label of the node. */
export function nodeHasAllKeys(node: Node, constraints: readonly SpreadConstraint[]): boolean {
  const labels = node.metadata.labels ?? {};
  return constraints.every((c) => Object.prototype.hasOwnProperty.call(labels, c.topologyKey));
}

const selectorKeys = new WeakMap<LabelSelector, Map<string, string>>();
const nodeCounts = new WeakMap<NodeInfo, { generation: number; counts: Map<string, number> }>();

/**
 * countMatchingPods over a node's pods, remembered per node until its pods change (its generation): each
 * scheduling cycle asks about every node, and between two cycles only the node that got the last pod changed.
 */
export function countMatchingPodsOn(info: NodeInfo, selector: LabelSelector, namespace: string): number {
  // One key string per (selector, namespace), made once: its hash is then cached for every lookup.
  let byNamespace = selectorKeys.get(selector);
  if (!byNamespace) selectorKeys.set(selector, (byNamespace = new Map()));
  let key = byNamespace.get(namespace);
  if (key === undefined) byNamespace.set(namespace, (key = `${namespace}\u0000${JSON.stringify(selector)}`));
  let memo = nodeCounts.get(info);
  if (!memo || memo.generation !== info.generation) nodeCounts.set(info, (memo = { generation: info.generation, counts: new Map() }));
  let n = memo.counts.get(key);
  if (n === undefined) memo.counts.set(key, (n = countMatchingPods(info.pods, selector, namespace)));
  return n;
}

/** countPodsMatchSelector: same namespace, not terminating; an empty selector counts nothing. */
export function countMatchingPods(pods: readonly PodInfo[], selector: LabelSelector, namespace: string): number {
  if (isEmptySelector(selector)) return 0;
  let n = 0;
  for (const { pod } of pods) {
    if (pod.metadata.deletionTimestamp || (pod.metadata.namespace ?? 'default') !== namespace) continue;
    if (matchesLabels(selector, pod.metadata.labels ?? {})) n++;
  }
  return n;
}
