// TaintToleration. Filter: a NoSchedule/NoExecute taint the pod does not tolerate rejects the node
// (UnschedulableAndUnresolvable, `node(s) had untolerated taint {key: value}`). Score: the number
// of PreferNoSchedule taints not tolerated by the pod's PreferNoSchedule (or effect-less)
// tolerations, normalized reversed (fewer is better). Mirrors plugins/tainttoleration (v1.33 text).

import type { Pod, Toleration } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type FilterPlugin, type NodeScore, type PreScorePlugin, type ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { defaultNormalizeScore } from '../framework/normalize-score.js';
import { doNotScheduleTaint, findUntoleratedTaint, tolerationsTolerateTaint } from '../framework/selectors.js';
import { SUCCESS, unresolvable, type Status } from '../framework/status.js';

const PRE_SCORE_KEY = 'PreScoreTaintToleration';

interface PreScoreState extends StateData {
  tolerations: Toleration[];
}

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'TaintToleration';

  filter(_state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const taint = findUntoleratedTaint(nodeInfo.node.spec?.taints, pod.spec.tolerations, doNotScheduleTaint);
    if (!taint) return SUCCESS;
    return unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  }

  preScore(state: CycleState, pod: Pod): Status {
    const tolerations = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
    state.write(PRE_SCORE_KEY, { tolerations } satisfies PreScoreState);
    return SUCCESS;
  }

  score(state: CycleState, _pod: Pod, nodeInfo: NodeInfo): number {
    const tolerations = state.read<PreScoreState>(PRE_SCORE_KEY)?.tolerations ?? [];
    let count = 0;
    for (const taint of nodeInfo.node.spec?.taints ?? []) {
      if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  }

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScore[]): void {
    defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }
}
