// NodeResourcesBalancedAllocation: favours nodes whose cpu and memory would be used in equal
// shares. fraction_r = min(requested_r / allocatable_r, 1) with actual requests (pod included);
// two resources: std = |f1 - f2| / 2, more: population standard deviation; score =
// int((1 - std) * 100). Skipped for a pod requesting nothing. Mirrors balanced_allocation.go.

import type { Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type PreScorePlugin, type ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { SKIP, SUCCESS, type Status } from '../framework/status.js';
import { DEFAULT_RESOURCES, nodeAllocation, podRequestList, type ResourceSpec } from './resource-allocation.js';

const PRE_SCORE_KEY = 'PreScoreNodeResourcesBalancedAllocation';

interface PreScoreState extends StateData {
  podRequests: number[];
}

export function balancedResourceScore(requested: readonly number[], allocatable: readonly number[]): number {
  // The fractions of the resources the node has (allocatable 0: left out), their sum and count.
  let total = 0;
  let n = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < requested.length; i++) {
    const alloc = allocatable[i]!;
    if (alloc === 0) continue;
    const f = Math.min(requested[i]! / alloc, 1);
    if (n === 0) first = f;
    else if (n === 1) second = f;
    total += f;
    n++;
  }
  let std = 0;
  if (n === 2) std = Math.abs((first - second) / 2);
  else if (n > 2) {
    const mean = total / n;
    let sq = 0;
    for (let i = 0; i < requested.length; i++) {
      const alloc = allocatable[i]!;
      if (alloc === 0) continue;
      const d = Math.min(requested[i]! / alloc, 1) - mean;
      sq += d * d;
    }
    std = Math.sqrt(sq / n);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';

  constructor(private readonly resources: readonly ResourceSpec[] = DEFAULT_RESOURCES) {}

  preScore(state: CycleState, pod: Pod): Status {
    const podRequests = podRequestList(pod, this.resources, true);
    if (podRequests.every((r) => r === 0)) return SKIP;
    state.write(PRE_SCORE_KEY, { podRequests } satisfies PreScoreState);
    return SUCCESS;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const podRequests = state.read<PreScoreState>(PRE_SCORE_KEY)?.podRequests ?? podRequestList(pod, this.resources, true);
    const { requested, allocatable } = nodeAllocation(nodeInfo, this.resources, podRequests, true);
    return balancedResourceScore(requested, allocatable);
  }
}
