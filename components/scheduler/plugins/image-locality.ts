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

const IMAGES_KEY = 'ImageLocalityImages';

export class ImageLocality implements ScorePlugin {
  readonly name = 'ImageLocality';

  score(state: CycleState, pod: Pod, nodeInfo: NodeInfo): number {
    const totalNodes = state.snapshot.nodeInfos.length;
    const images = podImages(state, pod);
    let sum = 0;
    for (const image of images.names) {
      const s = image ? nodeInfo.imageStates.get(image) : undefined;
      // scaledImageScore: int64(size * spread)
      if (s) sum += Math.trunc(s.size * (s.numNodes / totalNodes));
    }
    return imageLocalityPriority(sum, images.names.length);
  }
}

/** The pod's images (init containers first), normalized once per scheduling cycle, not once per node. */
function podImages(state: CycleState, pod: Pod): { names: Array<string | undefined> } {
  let images = state.read<{ names: Array<string | undefined> }>(IMAGES_KEY);
  if (!images) {
    const containers = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])];
    images = { names: containers.map((c) => (c.image ? normalizedImageName(c.image) : undefined)) };
    state.write(IMAGES_KEY, images);
  }
  return images;
}
