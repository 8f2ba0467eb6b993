// The shared half of NodeResourcesFit scoring and NodeResourcesBalancedAllocation: per scored
// resource, the node's allocatable and what would be requested with the pod on it. Mirrors
// noderesources/resource_allocation.go (calculateResourceAllocatableRequest): cpu and memory count
// the "non-zero" requests unless `useRequested`; a scalar resource the pod does not request, or
// one the node lacks, is left out (allocatable 0).

import type { Pod } from '../framework/api-types.js';
import type { NodeInfo } from '../framework/node-info.js';
import { isScalarResourceName, podRequestAmounts } from '../framework/resources.js';

export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

/** Upstream's default scoring resources: cpu and memory, weight 1 each. */
export const DEFAULT_RESOURCES: readonly ResourceSpec[] = Object.freeze([
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
]);

/** The pod's request per scored resource (calculatePodResourceRequestList). */
export function podRequestList(pod: Pod, resources: readonly ResourceSpec[], useRequested: boolean): number[] {
  const amounts = podRequestAmounts(pod, !useRequested);
  return resources.map((r) => amounts.get(r.name) ?? 0);
}

export interface Allocation {
  requested: number[];
  allocatable: number[];
}

/** Per scored resource, what would be requested on the node with the pod, and the node's allocatable. */
export function nodeAllocation(nodeInfo: NodeInfo, resources: readonly ResourceSpec[], podRequests: readonly number[], useRequested: boolean): Allocation {
  const requested: number[] = new Array(resources.length);
  const allocatable: number[] = new Array(resources.length);
  const req = useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
  for (let i = 0; i < resources.length; i++) {
    const name = resources[i]!.name;
    const podReq = podRequests[i] ?? 0;
    let alloc = 0;
    let used = 0;
    if (podReq === 0 && isScalarResourceName(name)) {
      // An extended resource the pod does not ask for is not scored.
    } else if (name === 'cpu') {
      alloc = nodeInfo.allocatable.milliCPU;
      used = req.milliCPU + podReq;
    } else if (name === 'memory') {
      alloc = nodeInfo.allocatable.memory;
      used = req.memory + podReq;
    } else if (name === 'ephemeral-storage') {
      alloc = nodeInfo.allocatable.ephemeralStorage;
      used = nodeInfo.requested.ephemeralStorage + podReq;
    } else if (name in nodeInfo.allocatable.scalar) {
      alloc = nodeInfo.allocatable.scalar[name]!;
      used = (nodeInfo.requested.scalar[name] ?? 0) + podReq;
    }
    allocatable[i] = alloc;
    requested[i] = alloc === 0 ? 0 : used;
  }
  return { requested, allocatable };
}
