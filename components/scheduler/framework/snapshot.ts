// Snapshot: every node's NodeInfo for one scheduling cycle, plus the volume objects and namespace
// labels the plugins look up. Mirrors the scheduler cache's Snapshot (nodeInfoList,
// havePodsWithAffinityNodeInfoList, havePodsWithRequiredAntiAffinityNodeInfoList, image state
// summaries with the number of nodes holding each image). Built by `buildSnapshot` from plain
// objects, or assembled by the cache from NodeInfos it maintains (`snapshotFromNodeInfos`).

import type { Labels, Node, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass } from './api-types.js';
import { addPod, newNodeInfo, type ImageStateSummary, type NodeInfo } from './node-info.js';

export interface VolumeObjects {
  /** "namespace/name" → claim. */
  readonly pvcs: ReadonlyMap<string, PersistentVolumeClaim>;
  readonly pvs: ReadonlyMap<string, PersistentVolume>;
  readonly storageClasses: ReadonlyMap<string, StorageClass>;
}

export interface Snapshot {
  readonly nodeInfos: readonly NodeInfo[];
  readonly byName: ReadonlyMap<string, NodeInfo>;
  readonly havePodsWithAffinity: readonly NodeInfo[];
  readonly havePodsWithRequiredAntiAffinity: readonly NodeInfo[];
  readonly volumes: VolumeObjects;
  /** Namespace name → labels, for affinity terms with a namespaceSelector. */
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
}

export interface SnapshotInput {
  nodes: readonly Node[];
  /** All pods; those bound to a known node and not terminal are counted on it. */
  pods?: readonly Pod[];
  pvcs?: readonly PersistentVolumeClaim[];
  pvs?: readonly PersistentVolume[];
  storageClasses?: readonly StorageClass[];
  namespaces?: ReadonlyArray<{ metadata: { name?: string; labels?: Labels | null } }>;
}

/** imageutil-style normalization: an image without a tag means `:latest` (ImageLocality). */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

/** Fills each NodeInfo's imageStates, counting nodes per image name (createImageStateSummary). */
function fillImageStates(infos: readonly NodeInfo[]): void {
  const summaries = new Map<string, ImageStateSummary>();
  for (const info of infos) {
    info.imageStates = new Map();
    for (const image of info.node.status?.images ?? []) {
      for (const name of image.names ?? []) {
        let s = summaries.get(name);
        if (!s) summaries.set(name, (s = { size: image.sizeBytes ?? 0, numNodes: 0 }));
        if (!info.imageStates.has(name)) {
          s.numNodes++;
          info.imageStates.set(name, s);
        }
      }
    }
  }
}

export function snapshotFromNodeInfos(
  nodeInfos: readonly NodeInfo[],
  extra: { volumes?: Partial<VolumeObjects>; namespaceLabels?: ReadonlyMap<string, Labels> } = {},
): Snapshot {
  fillImageStates(nodeInfos);
  return {
    nodeInfos,
    byName: new Map(nodeInfos.map((n) => [n.name, n])),
    havePodsWithAffinity: nodeInfos.filter((n) => n.podsWithAffinity.length > 0),
    havePodsWithRequiredAntiAffinity: nodeInfos.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
    volumes: {
      pvcs: extra.volumes?.pvcs ?? new Map(),
      pvs: extra.volumes?.pvs ?? new Map(),
      storageClasses: extra.volumes?.storageClasses ?? new Map(),
    },
    namespaceLabels: extra.namespaceLabels ?? new Map(),
  };
}

/** A snapshot from plain objects. Succeeded/Failed pods hold no resources and are skipped. */
export function buildSnapshot(input: SnapshotInput): Snapshot {
  const infos = input.nodes.map(newNodeInfo);
  const byName = new Map(infos.map((n) => [n.name, n]));
  for (const pod of input.pods ?? []) {
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const info = pod.spec.nodeName ? byName.get(pod.spec.nodeName) : undefined;
    if (info) addPod(info, pod);
  }
  return snapshotFromNodeInfos(infos, {
    volumes: {
      pvcs: new Map((input.pvcs ?? []).map((c) => [`${c.metadata.namespace ?? 'default'}/${c.metadata.name}`, c])),
      pvs: new Map((input.pvs ?? []).map((v) => [v.metadata.name ?? '', v])),
      storageClasses: new Map((input.storageClasses ?? []).map((s) => [s.metadata.name ?? '', s])),
    },
    namespaceLabels: new Map((input.namespaces ?? []).map((n) => [n.metadata.name ?? '', n.metadata.labels ?? {}])),
  });
}
