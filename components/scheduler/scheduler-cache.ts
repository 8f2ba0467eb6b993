// The scheduler's view of the cluster (kube-scheduler's cache): a NodeInfo per node with the pods bound
// to it, kept from informer events, plus "assumed" pods — placed by this scheduler but not yet seen
// bound — so the next decision already counts them. A snapshot is taken per scheduling cycle.
import type { Node, Pod } from './framework/api-types.js';
import { addPod, newNodeInfo, removePod, type NodeInfo } from './framework/node-info.js';
import { snapshotFromNodeInfos, type Snapshot, type VolumeObjects } from './framework/snapshot.js';

const podKey = (pod: Pod) => `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''}`;
const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export class SchedulerCache {
  private readonly nodes = new Map<string, NodeInfo>();
  /** Pod key → the node it is counted on (bound or assumed), and the pod as counted. */
  private readonly placed = new Map<string, { node: string; pod: Pod; assumed: boolean }>();
  /** Pods counted on nodes the cache does not know yet. */
  private readonly orphans = new Map<string, Pod>();

  upsertNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const info = newNodeInfo(node);
    const old = this.nodes.get(name);
    for (const pi of old?.pods ?? []) addPod(info, pi.pod);
    for (const [key, pod] of this.orphans) {
      if (pod.spec.nodeName === name) {
        addPod(info, pod);
        this.orphans.delete(key);
      }
    }
    this.nodes.set(name, info);
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    this.nodes.delete(name);
    for (const pi of info?.pods ?? []) this.orphans.set(podKey(pi.pod), pi.pod);
  }

  /** A pod as the informer sees it (added or updated). */
  upsertPod(pod: Pod): void {
    const key = podKey(pod);
    const node = pod.spec.nodeName;
    const current = this.placed.get(key);
    if (current) this.unplace(key, current);
    this.orphans.delete(key);
    if (!node || isTerminal(pod)) return;
    this.place(key, node, pod, false);
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const current = this.placed.get(key);
    if (current) this.unplace(key, current);
    this.orphans.delete(key);
  }

  /** Count `pod` on `node` before the binding is seen (AssumePod). */
  assume(pod: Pod, node: string): void {
    const key = podKey(pod);
    const current = this.placed.get(key);
    if (current) this.unplace(key, current);
    this.place(key, node, { ...pod, spec: { ...pod.spec, nodeName: node } }, true);
  }

  /** The binding failed: stop counting the assumed pod (ForgetPod). */
  forget(pod: Pod): void {
    const key = podKey(pod);
    const current = this.placed.get(key);
    if (current?.assumed) this.unplace(key, current);
  }

  nodeCount(): number {
    return this.nodes.size;
  }

  snapshot(extra: { volumes?: Partial<VolumeObjects>; namespaceLabels?: ReadonlyMap<string, Record<string, string>> } = {}): Snapshot {
    return snapshotFromNodeInfos([...this.nodes.values()], extra);
  }

  private place(key: string, node: string, pod: Pod, assumed: boolean): void {
    this.placed.set(key, { node, pod, assumed });
    const info = this.nodes.get(node);
    if (info) addPod(info, pod);
    else this.orphans.set(key, pod);
  }

  private unplace(key: string, current: { node: string; pod: Pod }): void {
    this.placed.delete(key);
    const info = this.nodes.get(current.node);
    if (info) removePod(info, current.pod);
  }
}
