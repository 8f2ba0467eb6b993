// NodeAffinity. Filter: spec.nodeSelector and the required node affinity terms
// (`node(s) didn't match Pod's node affinity/selector`, UnschedulableAndUnresolvable). Score: the
// sum of the weights of the preferred terms the node matches, normalized to 0..100 by the highest.
// Mirrors plugins/nodeaffinity (no addedAffinity profile argument).

import type { Pod } from '../framework/api-types.js';
import type { CycleState } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type FilterPlugin, type NodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { defaultNormalizeScore } from '../framework/normalize-score.js';
import { nodeSelectorTermMatches, podMatchesNodeSelectorAndAffinity } from '../framework/selectors.js';
import { SKIP, SUCCESS, unresolvable, type Status } from '../framework/status.js';

export const ERR_REASON_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

function preferredTerms(pod: Pod) {
  return (pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).filter((t) => t.weight !== 0);
}

export class NodeAffinity implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'NodeAffinity';

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    return podMatchesNodeSelectorAndAffinity(pod, nodeInfo.node) ? SUCCESS : unresolvable(ERR_REASON_NODE_AFFINITY);
  }

  preScore(_state: CycleState, pod: Pod): Status {
    return preferredTerms(pod).length === 0 ? SKIP : SUCCESS;
  }

  score(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    let total = 0;
    for (const t of preferredTerms(pod)) if (nodeSelectorTermMatches(t.preference, nodeInfo.node)) total += t.weight;
    return total;
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }
}
