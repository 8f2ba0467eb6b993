// InterPodAffinity: required (anti-)affinity filter with the symmetry of existing pods'
// anti-affinity (inter-pod-affinity-filter.ts) and preferred-term scoring
// (inter-pod-affinity-score.ts). Mirrors plugins/interpodaffinity.

import type { Pod } from '../framework/api-types.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin, NodeScore, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { PodInfo } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';
import { affinityFilter, affinityPreFilter, affinityUpdateWithPod } from './inter-pod-affinity-filter.js';
import { affinityNormalizeScore, affinityPreScore, affinityScore } from './inter-pod-affinity-score.js';

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'InterPodAffinity';

  preFilter(state: CycleState, pod: Pod): Status {
    return affinityPreFilter(state, pod);
  }
  addPod(state: CycleState, _pod: Pod, added: PodInfo, nodeInfo: NodeInfo): void {
    affinityUpdateWithPod(state, added, nodeInfo.node, 1);
  }
  removePod(state: CycleState, _pod: Pod, removed: PodInfo, nodeInfo: NodeInfo): void {
    affinityUpdateWithPod(state, removed, nodeInfo.node, -1);
  }
  filter(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): Status {
    return affinityFilter(state, nodeInfo);
  }
  preScore(state: CycleState, pod: Pod): Status {
    return affinityPreScore(state, pod);
  }
  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
    return affinityScore(state, nodeInfo);
  }
  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): void {
    affinityNormalizeScore(state, scores);
  }
}
