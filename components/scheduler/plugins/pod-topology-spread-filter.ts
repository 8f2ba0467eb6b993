// PodTopologySpread's hard (DoNotSchedule) half. PreFilter counts the matching pods per topology
// domain over all nodes that carry every constraint's key and pass its inclusion policies; Filter
// rejects a node when matchNum + selfMatch - globalMin > maxSkew (globalMin is 0 while fewer than
// minDomains domains exist), or when it lacks a topology key. Mirrors podtopologyspread/filtering.go
// (reasons ErrReasonConstraintsNotMatch / ErrReasonNodeLabelNotMatch).

import type { Node, Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { PodInfo } from '../framework/pod-info.js';
import { matchesLabels } from '../framework/selectors.js';
import { SKIP, SUCCESS, unresolvable, unschedulable, type Status } from '../framework/status.js';
import { countMatchingPodsOn, nodeHasAllKeys, nodeIncluded, spreadConstraints, type SpreadConstraint } from './pod-topology-spread-constraints.js';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;
const PRE_FILTER_KEY = 'PreFilterPodTopologySpread';

class PreFilterState implements StateData {
  constructor(
    readonly constraints: readonly SpreadConstraint[],
    /** topologyKey → (value → matching pods). */
    readonly counts: Map<string, Map<string, number>>,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.constraints, new Map([...this.counts].map(([k, m]) => [k, new Map(m)])));
  }

  add(key: string, value: string, delta: number): void {
    let m = this.counts.get(key);
    if (!m) this.counts.set(key, (m = new Map()));
    m.set(value, (m.get(value) ?? 0) + delta);
  }
}

export function spreadPreFilter(state: CycleState, pod: Pod): Status {
  const { constraints } = spreadConstraints(pod, 'DoNotSchedule', state.options.defaultSpreadSelector);
  if (constraints.length === 0) return SKIP;
  const s = new PreFilterState(constraints, new Map(constraints.map((c) => [c.topologyKey, new Map()])));
  const ns = pod.metadata.namespace ?? 'default';
  for (const info of state.snapshot.nodeInfos) {
    if (!nodeHasAllKeys(info.node, constraints)) continue;
    for (const c of constraints) {
      if (!nodeIncluded(c, pod, info.node)) continue;
      s.add(c.topologyKey, info.node.metadata.labels![c.topologyKey]!, countMatchingPodsOn(info, c.selector, ns));
    }
  }
  state.write(PRE_FILTER_KEY, s);
  return SUCCESS;
}

/** PreFilterExtensions AddPod/RemovePod (updateWithPod) for preemption's dry runs. */
export function spreadUpdateWithPod(state: CycleState, preemptor: Pod, updated: PodInfo, node: Node, delta: number): void {
  const s = state.read<PreFilterState>(PRE_FILTER_KEY);
  if (!s || (updated.pod.metadata.namespace ?? 'default') !== (preemptor.metadata.namespace ?? 'default')) return;
  if (!nodeHasAllKeys(node, s.constraints)) return;
  for (const c of s.constraints) {
    if (!matchesLabels(c.selector, updated.pod.metadata.labels ?? {}) || !nodeIncluded(c, preemptor, node)) continue;
    s.add(c.topologyKey, node.metadata.labels![c.topologyKey]!, delta);
  }
}

export function spreadFilter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
  const s = state.read<PreFilterState>(PRE_FILTER_KEY);
  if (!s) return SUCCESS;
  const labels = nodeInfo.node.metadata.labels ?? {};
  for (const c of s.constraints) {
    if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
    const domains = s.counts.get(c.topologyKey);
    // No eligible domain at all: upstream cannot find the key's domain count and skips the constraint.
    if (!domains || domains.size === 0) continue;
    let min = Infinity;
    for (const n of domains.values()) if (n < min) min = n;
    if (domains.size < c.minDomains) min = 0;
    const self = matchesLabels(c.selector, pod.metadata.labels ?? {}) ? 1 : 0;
    const skew = (domains.get(labels[c.topologyKey]!) ?? 0) + self - min;
    if (skew > c.maxSkew) return unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
  }
  return SUCCESS;
}
