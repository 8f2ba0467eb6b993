// InterPodAffinity's required half. PreFilter counts, per (topologyKey, value): existing pods whose
// required anti-affinity matches the incoming pod (symmetry), existing pods matching all of the
// incoming pod's required affinity terms, and existing pods matching its anti-affinity terms.
// Only nodes holding pods with required anti-affinity are walked unless the pod has required
// terms itself (the snapshot's havePodsWithRequiredAntiAffinity list). Mirrors
// interpodaffinity/filtering.go, reasons ErrReasonAffinityRulesNotMatch (UnschedulableAndUnresolvable),
// ErrReasonAntiAffinityRulesNotMatch and ErrReasonExistingAntiAffinityRulesNotMatch (Unschedulable).

import type { Labels, Node, Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import type { NodeInfo } from '../framework/node-info.js';
import { affinityTermMatches, mergeTermNamespaces, newPodInfo, type AffinityTerm, type PodInfo } from '../framework/pod-info.js';
import { SKIP, SUCCESS, unresolvable, unschedulable, type Status } from '../framework/status.js';

export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
const PRE_FILTER_KEY = 'PreFilterInterPodAffinity';

/** (topologyKey, value) → count, keyed "key\u0000value". */
type TopologyCounts = Map<string, number>;

function bump(counts: TopologyCounts, node: Node, key: string, delta: number): void {
  const value = node.metadata.labels?.[key];
  if (value === undefined) return;
  const k = `${key}\u0000${value}`;
  const n = (counts.get(k) ?? 0) + delta;
  if (n === 0) counts.delete(k);
  else counts.set(k, n);
}

class PreFilterState implements StateData {
  constructor(
    readonly podInfo: PodInfo,
    readonly requiredAffinity: readonly AffinityTerm[],
    readonly requiredAntiAffinity: readonly AffinityTerm[],
    readonly nsLabels: Labels | undefined,
    readonly existingAntiAffinityCounts: TopologyCounts = new Map(),
    readonly affinityCounts: TopologyCounts = new Map(),
    readonly antiAffinityCounts: TopologyCounts = new Map(),
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.podInfo, this.requiredAffinity, this.requiredAntiAffinity, this.nsLabels,
      new Map(this.existingAntiAffinityCounts), new Map(this.affinityCounts), new Map(this.antiAffinityCounts));
  }

  /** updateWithPod: account an existing pod on `node` (delta +1 added, -1 removed). */
  update(existing: PodInfo, node: Node, delta: number): void {
    for (const t of existing.requiredAntiAffinityTerms) {
      if (affinityTermMatches(t, this.podInfo.pod, this.nsLabels)) bump(this.existingAntiAffinityCounts, node, t.topologyKey, delta);
    }
    if (this.requiredAffinity.length > 0 && this.requiredAffinity.every((t) => affinityTermMatches(t, existing.pod, undefined))) {
      for (const t of this.requiredAffinity) bump(this.affinityCounts, node, t.topologyKey, delta);
    }
    for (const t of this.requiredAntiAffinity) {
      if (affinityTermMatches(t, existing.pod, undefined)) bump(this.antiAffinityCounts, node, t.topologyKey, delta);
    }
  }
}

export function affinityPreFilter(state: CycleState, pod: Pod): Status {
  const { snapshot } = state;
  const podInfo = newPodInfo(pod);
  const hasOwn = podInfo.requiredAffinityTerms.length > 0 || podInfo.requiredAntiAffinityTerms.length > 0;
  if (!hasOwn && snapshot.havePodsWithRequiredAntiAffinity.length === 0) return SKIP;
  const merge = (t: AffinityTerm) => mergeTermNamespaces(t, snapshot.namespaceLabels);
  const s = new PreFilterState(podInfo, podInfo.requiredAffinityTerms.map(merge), podInfo.requiredAntiAffinityTerms.map(merge),
    snapshot.namespaceLabels.get(pod.metadata.namespace ?? 'default'));
  // Existing pods' anti-affinity against the incoming pod (only nodes that have such pods).
  for (const info of snapshot.havePodsWithRequiredAntiAffinity) {
    for (const existing of info.podsWithRequiredAntiAffinity) {
      for (const t of existing.requiredAntiAffinityTerms) {
        if (affinityTermMatches(t, pod, s.nsLabels)) bump(s.existingAntiAffinityCounts, info.node, t.topologyKey, 1);
      }
    }
  }
  if (hasOwn) {
    for (const info of snapshot.nodeInfos) {
      for (const existing of info.pods) {
        if (s.requiredAffinity.length > 0 && s.requiredAffinity.every((t) => affinityTermMatches(t, existing.pod, undefined))) {
          for (const t of s.requiredAffinity) bump(s.affinityCounts, info.node, t.topologyKey, 1);
        }
        for (const t of s.requiredAntiAffinity) {
          if (affinityTermMatches(t, existing.pod, undefined)) bump(s.antiAffinityCounts, info.node, t.topologyKey, 1);
        }
      }
    }
  }
  state.write(PRE_FILTER_KEY, s);
  return SUCCESS;
}

export function affinityUpdateWithPod(state: CycleState, updated: PodInfo, node: Node, delta: number): void {
  state.read<PreFilterState>(PRE_FILTER_KEY)?.update(updated, node, delta);
}

function satisfiesPodAffinity(s: PreFilterState, labels: Labels): boolean {
  let podsExist = true;
  for (const t of s.requiredAffinity) {
    const value = labels[t.topologyKey];
    if (value === undefined) return false;
    if ((s.affinityCounts.get(`${t.topologyKey}\u0000${value}`) ?? 0) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere that has the topology keys.
  return s.affinityCounts.size === 0 && s.requiredAffinity.every((t) => affinityTermMatches(t, s.podInfo.pod, undefined));
}

function satisfiesPodAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.requiredAntiAffinity) {
    const value = labels[t.topologyKey];
    if (value !== undefined && (s.antiAffinityCounts.get(`${t.topologyKey}\u0000${value}`) ?? 0) > 0) return false;
  }
  return true;
}

function satisfiesExistingAntiAffinity(s: PreFilterState, labels: Labels): boolean {
  if (s.existingAntiAffinityCounts.size === 0) return true;
  for (const [key, value] of Object.entries(labels)) {
    if ((s.existingAntiAffinityCounts.get(`${key}\u0000${value}`) ?? 0) > 0) return false;
  }
  return true;
}

export function affinityFilter(state: CycleState, nodeInfo: NodeInfo): Status {
  const s = state.read<PreFilterState>(PRE_FILTER_KEY);
  if (!s) return SUCCESS;
  const labels = nodeInfo.node.metadata.labels ?? {};
  if (!satisfiesPodAffinity(s, labels)) return unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
  if (!satisfiesPodAntiAffinity(s, labels)) return unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
  if (!satisfiesExistingAntiAffinity(s, labels)) return unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);
  return SUCCESS;
}
