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
  /** The last snapshot's node arrays, reused while no node came, went or changed (pods change NodeInfos in place). */
  private base?: Snapshot;
  private affinityChanged = false;

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
    this.base = undefined;
  }

  removeNode(name: string): void {
    const info = this.nodes.get(name);
    this.nodes.delete(name);
    this.base = undefined;
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

  /**
   * The NodeInfos as a Snapshot for one cycle. NodeInfos are shared, not copied: a cycle must finish its
   * decision before the cache changes again (the scheduler's loop is sequential). Rebuilt in full only
   * when nodes changed; otherwise only the pods-with-affinity lists are refreshed when they may differ.
   */
  snapshot(extra: { volumes?: Partial<VolumeObjects>; namespaceLabels?: ReadonlyMap<string, Record<string, string>> } = {}): Snapshot {
    if (!this.base) {
      this.base = snapshotFromNodeInfos([...this.nodes.values()], extra);
      this.affinityChanged = false;
      return this.base;
    }
    const infos = this.base.nodeInfos;
    const affinity = this.affinityChanged
      ? {
          havePodsWithAffinity: infos.filter((n) => n.podsWithAffinity.length > 0),
          havePodsWithRequiredAntiAffinity: infos.filter((n) => n.podsWithRequiredAntiAffinity.length > 0),
        }
      : {};
    this.affinityChanged = false;
    this.base = {
      ...this.base,
      ...affinity,
      volumes: { ...this.base.volumes, ...extra.volumes },
      namespaceLabels: extra.namespaceLabels ?? this.base.namespaceLabels,
    };
    return this.base;
  }

  private place(key: string, node: string, pod: Pod, assumed: boolean): void {
    this.placed.set(key, { node, pod, assumed });
    if (pod.spec.affinity?.podAffinity || pod.spec.affinity?.podAntiAffinity) this.affinityChanged = true;
    const info = this.nodes.get(node);
    if (info) addPod(info, pod);
    else this.orphans.set(key, pod);
  }

  private unplace(key: string, current: { node: string; pod: Pod }): void {
    this.placed.delete(key);
    if (current.pod.spec.affinity?.podAffinity || current.pod.spec.affinity?.podAntiAffinity) this.affinityChanged = true;
    const info = this.nodes.get(current.node);
    if (info) removePod(info, current.pod);
  }
}
