// PodTopologySpread: hard constraints filter (pod-topology-spread-filter.ts), soft and cluster
// default constraints score (pod-topology-spread-score.ts). Mirrors plugins/podtopologyspread.

import type { Pod } from '../framework/api-types.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterPlugin, NodeScore, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import type { PodInfo } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';
import { spreadFilter, spreadPreFilter, spreadUpdateWithPod } from './pod-topology-spread-filter.js';
import { spreadNormalizeScore, spreadPreScore, spreadScore } from './pod-topology-spread-score.js';

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'PodTopologySpread';

  preFilter(state: CycleState, pod: Pod): Status {
    return spreadPreFilter(state, pod);
  }
  addPod(state: CycleState, pod: Pod, added: PodInfo, nodeInfo: NodeInfo): void {
    spreadUpdateWithPod(state, pod, added, nodeInfo.node, 1);
  }
  removePod(state: CycleState, pod: Pod, removed: PodInfo, nodeInfo: NodeInfo): void {
    spreadUpdateWithPod(state, pod, removed, nodeInfo.node, -1);
  }
  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    return spreadFilter(state, pod, nodeInfo);
  }
  preScore(state: CycleState, pod: Pod, feasible: readonly NodeInfo[]): Status {
    return spreadPreScore(state, pod, feasible);
  }
  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    return spreadScore(state, pod, nodeInfo);
  }
  normalizeScore(state: CycleState, _pod: Pod, scores: NodeScore[]): void {
    spreadNormalizeScore(state, scores);
  }
}
