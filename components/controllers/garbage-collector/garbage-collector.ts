// The garbage collector (upstream's pkg/controller/garbagecollector): watches every deletable
// resource, keeps the ownership graph, and
// - deletes objects whose owners are all gone (background deletion),
// - for an owner deleted in the foreground (finalizer foregroundDeletion) deletes its dependents and
//   removes the finalizer once no dependent with blockOwnerDeletion is left,
// - for an owner deleted with the orphan finalizer removes its references from the dependents, then
//   the finalizer.
// Keys: `discovery` (find resources, every 30 s), `delete/<uid>` (attemptToDelete) and
// `orphan/<uid>` (attemptToOrphan). Owners are verified with live GETs, as upstream does.
import type { KubeObject, ResourceClient } from '../../client/client.js';
import type { Informer } from '../../client/informer.js';
import { isConflict, isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import type { Obj, OwnerReference } from '../shared/workload-types.js';
import { discoverDeletableResources, groupOf, type DeletableResource } from './discovery.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, OwnershipGraph, type GraphNode, type GraphWork } from './graph.js';

export const DISCOVERY_KEY = 'discovery';
const REDISCOVERY_MS = 30_000;

export interface GarbageCollectorOptions {
  workers?: number;
  /** Watch only these resources instead of discovering them (tests, small installs). */
  resources?: DeletableResource[];
}

type Verdict = 'solid' | 'dangling' | 'waiting';

export class GarbageCollector implements Controller {
  readonly name = 'generic-garbage-collector';
  readonly workers: number;
  readonly graph = new OwnershipGraph();
  private ctx!: ControllerContext;
  private enqueue!: (key: string) => void;
  /** group/kind → resource; group/plural → watched. */
  private readonly byKind = new Map<string, DeletableResource>();
  private readonly watched = new Set<string>();

  constructor(private readonly o: GarbageCollectorOptions = {}) {
    this.workers = o.workers ?? 20;
  }

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.ctx = ctx;
    this.enqueue = enqueue;
    if (this.o.resources) this.monitor(this.o.resources);
    else enqueue(DISCOVERY_KEY);
  }

  async reconcile(key: string, signal: AbortSignal): Promise<ReconcileResult | void> {
    if (key === DISCOVERY_KEY) {
      const found = await discoverDeletableResources(this.ctx.client.transport, signal);
      if (this.monitor(found) > 0) this.ctx.informers.start(signal);
      return { requeueAfter: REDISCOVERY_MS };
    }
    const slash = key.indexOf('/');
    const uid = key.slice(slash + 1);
    if (key.startsWith('delete/')) return this.attemptToDelete(uid);
    if (key.startsWith('orphan/')) return this.attemptToOrphan(uid);
  }

  /** Starts watching resources not yet watched; returns how many were added. */
  private monitor(resources: DeletableResource[]): number {
    let added = 0;
    for (const r of resources) {
      this.byKind.set(`${r.group}/${r.kind}`, r);
      const id = `${r.group}/${r.plural}`;
      if (this.watched.has(id)) continue;
      this.watched.add(id);
      added++;
      const informer: Informer<Obj> = this.ctx.informers.informerFor<Obj>(r);
      const queue = (w: GraphWork) => {
        for (const u of w.delete) this.enqueue(`delete/${u}`);
        for (const u of w.orphan) this.enqueue(`orphan/${u}`);
      };
      informer.addEventHandler({
        add: (obj) => queue(this.graph.observe(obj, r.apiVersion, r.kind)),
        update: (old, obj) => old.metadata?.resourceVersion !== obj.metadata?.resourceVersion && queue(this.graph.observe(obj, r.apiVersion, r.kind)),
        delete: (obj) => {
          const o = 'key' in obj && 'obj' in obj ? obj.obj : (obj as Obj);
          if (o.metadata?.uid) queue(this.graph.forget(o.metadata.uid));
        },
      });
    }
    return added;
  }

  private resourceFor(apiVersion: string, kind: string): DeletableResource | undefined {
    return this.byKind.get(`${groupOf(apiVersion)}/${kind}`);
  }

  private clientFor(r: DeletableResource): ResourceClient<Obj> {
    return this.ctx.client.resource<Obj>(r);
  }

  /** A live GET; undefined when absent. */
  private async live(r: DeletableResource, namespace: string | undefined, name: string): Promise<Obj | undefined> {
    try {
      return await this.clientFor(r).get(name, { namespace: r.namespaced ? namespace : undefined });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** upstream's attemptToDeleteItem. */
  private async attemptToDelete(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node?.observed) return;
    if (node.beingDeleted && !node.deletingDependents) return;
    const r = this.resourceFor(node.apiVersion, node.kind);
    if (!r) return;
    const latest = await this.live(r, node.namespace, node.name);
    if (!latest || latest.metadata?.uid !== uid) return;
    const finalizers = latest.metadata?.finalizers ?? [];
    if (latest.metadata?.deletionTimestamp) {
      if (finalizers.includes(FOREGROUND_FINALIZER)) await this.processDeletingDependents(node, r, latest);
      return;
    }
    const owners = latest.metadata?.ownerReferences ?? [];
    if (owners.length === 0) return;
    const verdicts = await Promise.all(owners.map((o) => this.classifyOwner(o, latest, r)));
    const solid = owners.filter((_, i) => verdicts[i] === 'solid');
    const waiting = owners.filter((_, i) => verdicts[i] === 'waiting');
    if (solid.length > 0) {
      if (solid.length < owners.length) {
        // Keep the object, dropping references to owners that are gone or waiting for it.
        await this.updateLatest(r, latest, (o) => {
          o.metadata!.ownerReferences = (o.metadata!.ownerReferences ?? []).filter((ref) => solid.some((s) => s.uid === ref.uid));
        });
      }
      return;
    }
    let policy: 'Foreground' | 'Background' | 'Orphan' = 'Background';
    if (waiting.length > 0 && this.graph.dependents(uid).length > 0) policy = 'Foreground';
    else if (finalizers.includes(ORPHAN_FINALIZER)) policy = 'Orphan';
    else if (finalizers.includes(FOREGROUND_FINALIZER)) policy = 'Foreground';
    this.ctx.log.info({ component: this.name, key: `${node.kind}/${node.namespace ?? ''}/${node.name}`, policy }, 'deleting dependent whose owners are gone');
    await this.clientFor(r)
      .delete(node.name, { namespace: r.namespaced ? node.namespace : undefined, propagationPolicy: policy, preconditions: { uid } })
      .catch((err: unknown) => {
        if (!isNotFound(err) && !isConflict(err)) throw err;
      });
  }

  /** solid (exists), dangling (absent, another uid, or an invalid cross-namespace reference) or waiting (foreground deletion). */
  private async classifyOwner(ref: OwnerReference, dependent: Obj, depType: DeletableResource): Promise<Verdict> {
    const r = this.resourceFor(ref.apiVersion, ref.kind);
    if (!r) return 'solid'; // a kind we cannot resolve: never delete on a guess
    if (r.namespaced && !depType.namespaced) return 'dangling';
    const owner = await this.live(r, dependent.metadata?.namespace, ref.name);
    if (!owner || owner.metadata?.uid !== ref.uid) return 'dangling';
    if (owner.metadata?.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND_FINALIZER)) return 'waiting';
    return 'solid';
  }

  /** An owner in foreground deletion: wait for blocking dependents, then drop its finalizer. */
  private async processDeletingDependents(node: GraphNode, r: DeletableResource, latest: Obj): Promise<void> {
    const blocking = this.graph.blockingDependents(node.uid);
    if (blocking.length === 0) {
      await this.updateLatest(r, latest, (o) => {
        o.metadata!.finalizers = (o.metadata!.finalizers ?? []).filter((f) => f !== FOREGROUND_FINALIZER);
      });
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.enqueue(`delete/${dep.uid}`);
  }

  /** upstream's attemptToOrphan: remove this owner from every dependent, then the orphan finalizer. */
  private async attemptToOrphan(uid: string): Promise<void> {
    const node = this.graph.get(uid);
    if (!node?.observed) return;
    for (const dep of this.graph.dependents(uid)) {
      const r = this.resourceFor(dep.apiVersion, dep.kind);
      if (!r) continue;
      const latest = await this.live(r, dep.namespace, dep.name);
      if (!latest || latest.metadata?.uid !== dep.uid || !latest.metadata.ownerReferences?.some((o) => o.uid === uid)) continue;
      await this.updateLatest(r, latest, (o) => {
        o.metadata!.ownerReferences = (o.metadata!.ownerReferences ?? []).filter((ref) => ref.uid !== uid);
      });
    }
    const r = this.resourceFor(node.apiVersion, node.kind);
    if (!r) return;
    const owner = await this.live(r, node.namespace, node.name);
    if (!owner || owner.metadata?.uid !== uid || !owner.metadata.finalizers?.includes(ORPHAN_FINALIZER)) return;
    await this.updateLatest(r, owner, (o) => {
      o.metadata!.finalizers = (o.metadata!.finalizers ?? []).filter((f) => f !== ORPHAN_FINALIZER);
    });
  }

  /** A PUT of `latest` after `change` (optimistic: a conflict retries the key); gone is fine. */
  private async updateLatest(r: DeletableResource, latest: Obj, change: (o: Obj) => void): Promise<void> {
    const copy = structuredClone(latest) as Obj & KubeObject;
    change(copy);
    if (copy.metadata?.ownerReferences?.length === 0) delete copy.metadata.ownerReferences;
    try {
      await this.clientFor(r).update(copy, { namespace: r.namespaced ? latest.metadata?.namespace : undefined });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
