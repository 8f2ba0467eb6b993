// InterPodAffinity's preferred half. For each existing pod (all pods when the incoming pod has
// preferred terms, else only pods with affinity), add to its node's topology domain: the incoming
// pod's preferred affinity weights (+) and anti-affinity weights (-) for terms the existing pod
// matches, the existing pod's required affinity terms matching the incoming pod (weight
// hardPodAffinityWeight = 1), and its preferred (anti-)affinity terms matching the incoming pod
// (±weight). A node scores the sum over its labels' domains; normalized 100 * (s - min) / (max - min).
// Mirrors interpodaffinity/scoring.go (IgnorePreferredTermsOfExistingPods false).

import type { Labels, Node, Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type NodeScore } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { affinityTermMatches, mergeTermNamespaces, newPodInfo, type AffinityTerm, type PodInfo, type WeightedAffinityTerm } from '../framework/pod-info.js';
import { SKIP, SUCCESS, type Status } from '../framework/status.js';

export const HARD_POD_AFFINITY_WEIGHT = 1;
const PRE_SCORE_KEY = 'PreScoreInterPodAffinity';

/** topologyKey → value → score. */
type TopologyScore = Map<string, Map<string, number>>;

interface PreScoreState extends StateData {
  topologyScore: TopologyScore;
}

function processTerm(scores: TopologyScore, term: AffinityTerm, weight: number, pod: Pod, nsLabels: Labels | undefined, node: Node): void {
  const labels = node.metadata.labels;
  if (!labels || Object.keys(labels).length === 0) return;
  const value = labels[term.topologyKey];
  if (value === undefined || !affinityTermMatches(term, pod, nsLabels)) return;
  let m = scores.get(term.topologyKey);
  if (!m) scores.set(term.topologyKey, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + weight);
}

function processTerms(scores: TopologyScore, terms: readonly WeightedAffinityTerm[], pod: Pod, nsLabels: Labels | undefined, node: Node, sign: number): void {
  for (const t of terms) processTerm(scores, t, t.weight * sign, pod, nsLabels, node);
}

export function affinityPreScore(state: CycleState, pod: Pod): Status {
  const { snapshot } = state;
  const incoming = newPodInfo(pod);
  const hasConstraints = incoming.preferredAffinityTerms.length > 0 || incoming.preferredAntiAffinityTerms.length > 0;
  const nodes = hasConstraints ? snapshot.nodeInfos : snapshot.havePodsWithAffinity;
  if (nodes.length === 0) return SKIP;
  const merge = <T extends AffinityTerm>(t: T): T => mergeTermNamespaces(t, snapshot.namespaceLabels) as T;
  const preferredAffinity = incoming.preferredAffinityTerms.map(merge);
  const preferredAnti = incoming.preferredAntiAffinityTerms.map(merge);
  const nsLabels = snapshot.namespaceLabels.get(pod.metadata.namespace ?? 'default');
  const scores: TopologyScore = new Map();
  for (const info of nodes) {
    const node = info.node;
    if (Object.keys(node.metadata.labels ?? {}).length === 0) continue;
    const existingPods: readonly PodInfo[] = hasConstraints ? info.pods : info.podsWithAffinity;
    for (const existing of existingPods) {
      processTerms(scores, preferredAffinity, existing.pod, undefined, node, 1);
      processTerms(scores, preferredAnti, existing.pod, undefined, node, -1);
      for (const t of existing.requiredAffinityTerms) processTerm(scores, t, HARD_POD_AFFINITY_WEIGHT, pod, nsLabels, node);
      processTerms(scores, existing.preferredAffinityTerms, pod, nsLabels, node, 1);
      processTerms(scores, existing.preferredAntiAffinityTerms, pod, nsLabels, node, -1);
    }
  }
  if (scores.size === 0) return SKIP;
  state.write(PRE_SCORE_KEY, { topologyScore: scores } satisfies PreScoreState);
  return SUCCESS;
}

export function affinityScore(state: CycleState, nodeInfo: NodeInfo): number {
  const s = state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!s) return 0;
  const labels = nodeInfo.node.metadata.labels ?? {};
  let score = 0;
  for (const [key, values] of s.topologyScore) {
    const v = labels[key];
    if (v !== undefined) score += values.get(v) ?? 0;
  }
  return score;
}

export function affinityNormalizeScore(state: CycleState, scores: NodeScore[]): void {
  const s = state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!s || s.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (const n of scores) {
    if (n.score > max) max = n.score;
    if (n.score < min) min = n.score;
  }
  const diff = max - min;
  for (const n of scores) n.score = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((n.score - min) / diff)) : 0;
}
