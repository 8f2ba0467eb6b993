// ImageLocality: favours nodes that already hold the pod's images, weighted by how widely each
// image is spread (size * nodesHavingImage / totalNodes) so one node is not preferred for a rare
// image. The sum is clamped to [23MiB, 1000MiB * containers] and scaled to 0..100.
// Mirrors plugins/imagelocality (minThreshold 23 MiB, maxContainerThreshold 1000 MiB).

import type { Pod } from '../framework/api-types.js';
import type { CycleState } from '../framework/cycle-state.js';
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework/interfaces.js';
import type { NodeInfo } from '../framework/node-info.js';
import { normalizedImageName } from '../framework/snapshot.js';

const MB = 1024 * 1024;
export const MIN_THRESHOLD = 23 * MB;
export const MAX_CONTAINER_THRESHOLD = 1000 * MB;

/** calculatePriority: clamp the summed score and map it onto 0..100. */
export function imageLocalityPriority(sum: number, numContainers: number): number {
  const max = MAX_CONTAINER_THRESHOLD * numContainers;
  const clamped = Math.min(Math.max(sum, MIN_THRESHOLD), max);
  return Math.trunc((MAX_NODE_SCORE * (clamped - MIN_THRESHOLD)) / (max - MIN_THRESHOLD));
}

export class ImageLocality implements ScorePlugin {
  readonly name = 'ImageLocality';

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const totalNodes = state.snapshot.nodeInfos.length;
    const containers = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    let sum = 0;
    for (const c of containers) {
      const s = c.image ? nodeInfo.imageStates.get(normalizedImageName(c.image)) : undefined;
      // scaledImageScore: int64(size * spread)
      if (s) sum += Math.trunc(s.size * (s.numNodes / totalNodes));
    }
    return imageLocalityPriority(sum, containers.length);
  }
}
