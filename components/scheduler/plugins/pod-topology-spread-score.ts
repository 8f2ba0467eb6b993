// PodTopologySpread's soft (ScheduleAnyway) half, including the cluster default constraints.
// Per constraint, a node's raw score is cnt * log(domains + 2) + (maxSkew - 1), where cnt counts
// the matching pods in the node's domain (over all nodes, inclusion policies applied) and domains
// counts the feasible nodes' values for the key; the sum is rounded. Normalized as
// 100 * (max + min - s) / max over non-ignored nodes; ignored nodes (missing a key, own constraints
// only) score 0. Mirrors podtopologyspread/scoring.go.

import { LABEL_HOSTNAME, type Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type NodeScore } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { SKIP, SUCCESS, type Status } from '../framework/status.js';
import { countMatchingPodsOn, nodeHasAllKeys, nodeIncluded, spreadConstraints, type SpreadConstraint } from './pod-topology-spread-constraints.js';

const PRE_SCORE_KEY = 'PreScorePodTopologySpread';

interface PreScoreState extends StateData {
  constraints: SpreadConstraint[];
  ignored: Set<string>;
  /** Per constraint: topology value → matching pods (not used for hostname). */
  counts: Map<string, number>[];
  weights: number[];
}

export function spreadPreScore(state: CycleState, pod: Pod, feasible: readonly NodeInfo[]): Status {
  const allNodes = state.snapshot.nodeInfos;
  if (allNodes.length === 0) return SKIP;
  const { constraints, systemDefaulted } = spreadConstraints(pod, 'ScheduleAnyway', state.options.defaultSpreadSelector);
  if (constraints.length === 0) return SKIP;
  // Only the pod's own constraints require every key; defaults still spread by hostname without zones.
  const requireAll = !systemDefaulted;
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const info of feasible) {
    if (requireAll && !nodeHasAllKeys(info.node, constraints)) {
      ignored.add(info.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME) return;
      const value = info.node.metadata.labels?.[c.topologyKey] ?? '';
      if (!counts[i]!.has(value)) counts[i]!.set(value, 0);
    });
  }
  const weights = constraints.map((c, i) => Math.log((c.topologyKey === LABEL_HOSTNAME ? feasible.length - ignored.size : counts[i]!.size) + 2));
  const ns = pod.metadata.namespace ?? 'default';
  for (const info of allNodes) {
    if (requireAll && !nodeHasAllKeys(info.node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (c.topologyKey === LABEL_HOSTNAME || !nodeIncluded(c, pod, info.node)) return;
      const value = info.node.metadata.labels?.[c.topologyKey] ?? '';
      const current = counts[i]!.get(value);
      if (current === undefined) return;
      counts[i]!.set(value, current + countMatchingPodsOn(info, c.selector, ns));
    });
  }
  state.write(PRE_SCORE_KEY, { constraints, ignored, counts, weights } satisfies PreScoreState);
  return SUCCESS;
}

export function spreadScore(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
  const s = state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!s || s.ignored.has(nodeInfo.name)) return 0;
  const labels = nodeInfo.node.metadata.labels ?? {};
  const ns = pod.metadata.namespace ?? 'default';
  let score = 0;
  s.constraints.forEach((c, i) => {
    if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return;
    const cnt = c.topologyKey === LABEL_HOSTNAME ? countMatchingPodsOn(nodeInfo, c.selector, ns) : (s.counts[i]!.get(labels[c.topologyKey]!) ?? 0);
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  });
  return Math.round(score);
}

export function spreadNormalizeScore(state: CycleState, scores: NodeScore[]): void {
  const s = state.read<PreScoreState>(PRE_SCORE_KEY);
  if (!s) return;
  let min = Infinity;
  let max = 0;
  for (const n of scores) {
    if (s.ignored.has(n.name)) continue;
    if (n.score < min) min = n.score;
    if (n.score > max) max = n.score;
  }
  for (const n of scores) {
    if (s.ignored.has(n.name)) n.score = 0;
    else if (max === 0) n.score = MAX_NODE_SCORE;
    else n.score = Math.trunc((MAX_NODE_SCORE * (max + min - n.score)) / max);
  }
}
