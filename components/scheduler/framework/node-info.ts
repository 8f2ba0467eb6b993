// NodeInfo: one node with the aggregates the plugins read, kept up to date as pods are added and
// removed so that no plugin walks a node's pods for resources or ports. Mirrors framework.NodeInfo
// (AddPodInfo/RemovePod/update: Requested, NonZeroRequested, UsedPorts, PVCRefCounts, the
// PodsWithAffinity and PodsWithRequiredAntiAffinity subsets) and HostPortInfo (0.0.0.0 wildcard).
// The helpers mutate the NodeInfo they are given; the caller owns it (the cache, or a clone).

import type { Node, Pod } from './api-types.js';
import { hasPodAffinity, hasRequiredAntiAffinity, newPodInfo, type PodInfo } from './pod-info.js';
import { allocatableResource, emptyResource, type Resource } from './resources.js';

export const BIND_ALL_HOST_IP = '0.0.0.0';

export interface ImageStateSummary {
  /** Bytes, from node.status.images[].sizeBytes. */
  readonly size: number;
  /** How many nodes of the snapshot have this image. */
  numNodes: number;
}

export interface HostPort {
  hostIP: string;
  protocol: string;
  hostPort: number;
}

export interface NodeInfo {
  readonly node: Node;
  readonly name: string;
  pods: PodInfo[];
  podsWithAffinity: PodInfo[];
  podsWithRequiredAntiAffinity: PodInfo[];
  /** hostIP → set of "PROTOCOL/port". */
  usedPorts: Map<string, Set<string>>;
  requested: Resource;
  nonZeroRequested: Resource;
  readonly allocatable: Resource;
  /** Normalized image name → summary; filled by the snapshot. */
  imageStates: Map<string, ImageStateSummary>;
  /** "namespace/claim" → pods on this node using it. */
  pvcRefCounts: Map<string, number>;
  /** Changes with every pod added or removed (upstream's NodeInfo.Generation); lets plugins memoize per node. */
  generation: number;
}

let nextGeneration = 0;

export function newNodeInfo(node: Node): NodeInfo {
  return {
    node,
    name: node.metadata.name ?? '',
    pods: [],
    podsWithAffinity: [],
    podsWithRequiredAntiAffinity: [],
    usedPorts: new Map(),
    requested: emptyResource(),
    nonZeroRequested: emptyResource(),
    allocatable: allocatableResource(node.status?.allocatable),
    imageStates: new Map(),
    pvcRefCounts: new Map(),
    generation: ++nextGeneration,
  };
}

/** schedutil.GetHostPorts: container ports with a hostPort (sidecar init containers included), sanitized. */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const sidecars = (pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(pod.spec.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ hostIP: p.hostIP || BIND_ALL_HOST_IP, protocol: p.protocol || 'TCP', hostPort: p.hostPort });
    }
  }
  return out;
}

/** HostPortInfo.CheckConflict: 0.0.0.0 clashes with every IP, an IP with itself and 0.0.0.0. */
export function hostPortConflicts(used: ReadonlyMap<string, ReadonlySet<string>>, port: HostPort): boolean {
  const key = `${port.protocol}/${port.hostPort}`;
  if (port.hostIP === BIND_ALL_HOST_IP) {
    for (const set of used.values()) if (set.has(key)) return true;
    return false;
  }
  return !!used.get(BIND_ALL_HOST_IP)?.has(key) || !!used.get(port.hostIP)?.has(key);
}

function addResource(into: Resource, from: Resource, sign: number): void {
  into.milliCPU += sign * from.milliCPU;
  into.memory += sign * from.memory;
  into.ephemeralStorage += sign * from.ephemeralStorage;
  for (const [k, v] of Object.entries(from.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + sign * v;
}

function pvcKeys(pod: Pod): string[] {
  const ns = pod.metadata.namespace ?? 'default';
  return (pod.spec.volumes ?? []).filter((v) => v.persistentVolumeClaim).map((v) => `${ns}/${v.persistentVolumeClaim!.claimName}`);
}

function update(info: NodeInfo, pi: PodInfo, sign: 1 | -1): void {
  addResource(info.requested, pi.resource.resource, sign);
  info.nonZeroRequested.milliCPU += sign * pi.resource.non0CPU;
  info.nonZeroRequested.memory += sign * pi.resource.non0Mem;
  for (const p of podHostPorts(pi.pod)) {
    const key = `${p.protocol}/${p.hostPort}`;
    if (sign > 0) {
      let set = info.usedPorts.get(p.hostIP);
      if (!set) info.usedPorts.set(p.hostIP, (set = new Set()));
      set.add(key);
    } else {
      const set = info.usedPorts.get(p.hostIP);
      set?.delete(key);
      if (set && set.size === 0) info.usedPorts.delete(p.hostIP);
    }
  }
  for (const key of pvcKeys(pi.pod)) {
    const n = (info.pvcRefCounts.get(key) ?? 0) + sign;
    if (n <= 0) info.pvcRefCounts.delete(key);
    else info.pvcRefCounts.set(key, n);
  }
}

/** NodeInfo.AddPodInfo. Accepts a Pod or a precomputed PodInfo. */
export function addPod(info: NodeInfo, pod: Pod | PodInfo): PodInfo {
  const pi = 'pod' in pod ? pod : newPodInfo(pod);
  info.pods.push(pi);
  if (hasPodAffinity(pi.pod)) info.podsWithAffinity.push(pi);
  if (hasRequiredAntiAffinity(pi.pod)) info.podsWithRequiredAntiAffinity.push(pi);
  update(info, pi, 1);
  info.generation = ++nextGeneration;
  return pi;
}

function podKey(pod: Pod): string {
  return pod.metadata.uid || `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
}

/** NodeInfo.RemovePod (by uid, else namespace/name). Returns false when the pod is not on the node. */
export function removePod(info: NodeInfo, pod: Pod): boolean {
  const key = podKey(pod);
  const i = info.pods.findIndex((p) => podKey(p.pod) === key);
  if (i < 0) return false;
  const pi = info.pods[i]!;
  info.pods.splice(i, 1);
  info.podsWithAffinity = info.podsWithAffinity.filter((p) => p !== pi);
  info.podsWithRequiredAntiAffinity = info.podsWithRequiredAntiAffinity.filter((p) => p !== pi);
  update(info, pi, -1);
  info.generation = ++nextGeneration;
  return true;
}

/** A copy that can be mutated (preemption's dry runs) without touching the original. */
export function cloneNodeInfo(info: NodeInfo): NodeInfo {
  return {
    ...info,
    pods: [...info.pods],
    podsWithAffinity: [...info.podsWithAffinity],
    podsWithRequiredAntiAffinity: [...info.podsWithRequiredAntiAffinity],
    usedPorts: new Map([...info.usedPorts].map(([ip, set]) => [ip, new Set(set)])),
    requested: { ...info.requested, scalar: { ...info.requested.scalar } },
    nonZeroRequested: { ...info.nonZeroRequested, scalar: { ...info.nonZeroRequested.scalar } },
    pvcRefCounts: new Map(info.pvcRefCounts),
    generation: ++nextGeneration,
  };
}
