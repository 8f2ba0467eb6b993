// The garbage collector's view of ownership (upstream's graph_builder uidToNode): one node per
// observed object, its owner references, its dependents, and whether it is being deleted in the
// foreground or orphaning. Pure and synchronous; `observe` and `forget` say which nodes need a look.
import type { Obj, OwnerReference } from '../shared/workload-types.js';

export const FOREGROUND_FINALIZER = 'foregroundDeletion';
export const ORPHAN_FINALIZER = 'orphan';

export interface GraphNode {
  uid: string;
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  owners: OwnerReference[];
  /** uids of the objects naming this one as an owner (they may be observed before it). */
  dependents: Set<string>;
  /** False for a node known only as someone's owner (upstream's virtual node). */
  observed: boolean;
  beingDeleted: boolean;
  /** deletionTimestamp and the foregroundDeletion finalizer. */
  deletingDependents: boolean;
}

/** Work the collector should queue after a change: attemptToDelete and attemptToOrphan, by uid. */
export interface GraphWork {
  delete: string[];
  orphan: string[];
}

export class OwnershipGraph {
  private readonly nodes = new Map<string, GraphNode>();

  get(uid: string): GraphNode | undefined {
    return this.nodes.get(uid);
  }

  get size(): number {
    return this.nodes.size;
  }

  dependents(uid: string): GraphNode[] {
    return [...(this.nodes.get(uid)?.dependents ?? [])].map((d) => this.nodes.get(d)).filter((n): n is GraphNode => !!n?.observed);
  }

  /** Dependents whose reference to `uid` has blockOwnerDeletion: foreground deletion waits for them. */
  blockingDependents(uid: string): GraphNode[] {
    return this.dependents(uid).filter((d) => d.owners.some((o) => o.uid === uid && o.blockOwnerDeletion === true));
  }

  /** An object was added or changed (with its apiVersion and kind, which list items may lack). */
  observe(obj: Obj, apiVersion: string, kind: string): GraphWork {
    const m = obj.metadata ?? {};
    const uid = m.uid!;
    const work: GraphWork = { delete: [], orphan: [] };
    const existing = this.nodes.get(uid);
    const node: GraphNode = existing ?? { uid, apiVersion, kind, name: m.name!, namespace: m.namespace, owners: [], dependents: new Set(), observed: true, beingDeleted: false, deletingDependents: false };
    Object.assign(node, { apiVersion, kind, name: m.name!, namespace: m.namespace, observed: true });
    const oldOwners = existing?.observed ? existing.owners : [];
    const owners = m.ownerReferences ?? [];
    node.owners = owners;
    this.nodes.set(uid, node);

    for (const o of oldOwners) {
      if (owners.some((n) => n.uid === o.uid)) continue;
      const owner = this.nodes.get(o.uid);
      owner?.dependents.delete(uid);
      if (owner?.deletingDependents) work.delete.push(owner.uid);
      this.dropIfUnused(o.uid);
    }
    let needsVerify = false;
    for (const o of owners) {
      let owner = this.nodes.get(o.uid);
      if (!owner) {
        owner = { uid: o.uid, apiVersion: o.apiVersion, kind: o.kind, name: o.name, namespace: m.namespace, owners: [], dependents: new Set(), observed: false, beingDeleted: false, deletingDependents: false };
        this.nodes.set(o.uid, owner);
      }
      owner.dependents.add(uid);
      // An owner never seen, or one waiting for its dependents: this object needs a look.
      if (!owner.observed || owner.deletingDependents) needsVerify = true;
    }
    const ownersChanged = JSON.stringify(oldOwners) !== JSON.stringify(owners);
    if (needsVerify && (ownersChanged || !existing?.observed)) work.delete.push(uid);

    const deleting = !!m.deletionTimestamp;
    const finalizers = m.finalizers ?? [];
    const wasDeletingDependents = node.deletingDependents;
    node.beingDeleted = deleting;
    node.deletingDependents = deleting && finalizers.includes(FOREGROUND_FINALIZER);
    if (deleting && finalizers.includes(ORPHAN_FINALIZER)) work.orphan.push(uid);
    if (node.deletingDependents && !wasDeletingDependents) {
      work.delete.push(uid, ...node.dependents);
    } else if (node.deletingDependents) {
      work.delete.push(uid);
    }
    return work;
  }

  /** An object was deleted: its dependents need a look, and so do owners waiting for it. */
  forget(uid: string): GraphWork {
    const node = this.nodes.get(uid);
    const work: GraphWork = { delete: [], orphan: [] };
    if (!node) return work;
    work.delete.push(...node.dependents);
    for (const o of node.owners) {
      const owner = this.nodes.get(o.uid);
      owner?.dependents.delete(uid);
      if (owner?.deletingDependents) work.delete.push(owner.uid);
      this.dropIfUnused(o.uid);
    }
    if (node.dependents.size > 0) {
      // Keep it as a virtual node: dependents still name it, and will find it gone.
      Object.assign(node, { observed: false, owners: [], beingDeleted: false, deletingDependents: false });
    } else {
      this.nodes.delete(uid);
    }
    return work;
  }

  private dropIfUnused(uid: string): void {
    const n = this.nodes.get(uid);
    if (n && !n.observed && n.dependents.size === 0) this.nodes.delete(uid);
  }
}
