// NodeResourcesFit. Filter: the pod's requests (computePodResourceRequest: containers, init
// containers, sidecars, overhead) against allocatable minus what the node's pods request, plus the
// pod count; reasons `Too many pods`, `Insufficient cpu`, `Insufficient memory`,
// `Insufficient <resource>`; UnschedulableAndUnresolvable when a request exceeds the node's whole
// allocatable (preemption cannot help). Score: LeastAllocated over cpu and memory (weight 1 each),
// ((allocatable - requested) * 100 / allocatable) averaged by weight, with non-zero requests.
// Mirrors noderesources/fit.go and least_allocated.go.

import type { Pod } from '../framework/api-types.js';
import type { CycleState, StateData } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { podRequestAmounts, toResource, type Resource } from '../framework/resources.js';
import { SUCCESS, type Status } from '../framework/status.js';
import { DEFAULT_RESOURCES, nodeAllocation, podRequestList, type ResourceSpec } from './resource-allocation.js';

const PRE_FILTER_KEY = 'PreFilterNodeResourcesFit';
const PRE_SCORE_KEY = 'PreScoreNodeResourcesFit';

interface PreFilterState extends StateData {
  request: Resource;
}
interface PreScoreState extends StateData {
  podRequests: number[];
}

/** Upstream's InsufficientResource: cpu in millicores, memory and storage in bytes, pods as a count. */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
  unresolvable: boolean;
}

/**
 * fitsRequest: every insufficient resource, in upstream's order (pods, cpu, memory, ephemeral, scalar).
 * Also the kubelet's admission check (node/sim/pod-admission.ts), which words the first one.
 */
export function fitsRequest(request: Resource, nodeInfo: NodeInfo): InsufficientResource[] {
  let out: InsufficientResource[] | undefined;
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out = [{ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber, unresolvable: false }];
  }
  out = insufficient(out, 'cpu', request.milliCPU, alloc.milliCPU, used.milliCPU);
  out = insufficient(out, 'memory', request.memory, alloc.memory, used.memory);
  out = insufficient(out, 'ephemeral-storage', request.ephemeralStorage, alloc.ephemeralStorage, used.ephemeralStorage);
  for (const name in request.scalar) {
    const want = request.scalar[name]!;
    if (want === 0) continue;
    out = insufficient(out, name, want, alloc.scalar[name] ?? 0, used.scalar[name] ?? 0);
  }
  return out ?? [];
}

/** `out` with `name` added when `want` does not fit in what is left of `have` (the filter runs per node: no closure). */
function insufficient(out: InsufficientResource[] | undefined, name: string, want: number, have: number, taken: number): InsufficientResource[] | undefined {
  if (!(want > 0 && want > have - taken)) return out;
  const entry = { resourceName: name, reason: `Insufficient ${name}`, requested: want, used: taken, capacity: have, unresolvable: want > have };
  if (!out) return [entry];
  out.push(entry);
  return out;
}

/** leastRequestedScore: the free share of the resource, 0..100. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = 'NodeResourcesFit';

  constructor(private readonly resources: readonly ResourceSpec[] = DEFAULT_RESOURCES) {}

  preFilter(state: CycleState, pod: Pod): Status {
    state.write(PRE_FILTER_KEY, { request: toResource(podRequestAmounts(pod)) } satisfies PreFilterState);
    return SUCCESS;
  }

  filter(state: CycleState, pod: Pod, nodeInfo: NodeInfo): Status {
    const request = state.read<PreFilterState>(PRE_FILTER_KEY)?.request ?? toResource(podRequestAmounts(pod));
    const insufficient = fitsRequest(request, nodeInfo);
    if (insufficient.length === 0) return SUCCESS;
    const code = insufficient.some((i) => i.unresolvable) ? 'UnschedulableAndUnresolvable' : 'Unschedulable';
    return { code, reasons: insufficient.map((i) => i.reason) };
  }

  preScore(state: CycleState, pod: Pod): Status {
    state.write(PRE_SCORE_KEY, { podRequests: podRequestList(pod, this.resources, false) } satisfies PreScoreState);
    return SUCCESS;
  }

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const podRequests = state.read<PreScoreState>(PRE_SCORE_KEY)?.podRequests ?? podRequestList(pod, this.resources, false);
    const { requested, allocatable } = nodeAllocation(nodeInfo, this.resources, podRequests, false);
    let score = 0;
    let weights = 0;
    for (let i = 0; i < this.resources.length; i++) {
      if (allocatable[i] === 0) continue;
      const weight = this.resources[i]!.weight;
      score += leastRequestedScore(requested[i]!, allocatable[i]!) * weight;
      weights += weight;
    }
    return weights === 0 ? 0 : Math.trunc(score / weights);
  }
}
