// The ReplicaSet controller (upstream's pkg/controller/replicaset), which also serves
// ReplicationControllers: keeps `spec.replicas` active pods matching the selector, adopting orphans
// and releasing pods that stopped matching, and reports status. Handlers only enqueue keys and
// lower expectations; reconcile reads the caches and writes through the client.
import type { ResourceClient } from '../../client/client.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Informer } from '../../client/informer.js';
import { pods as podsType } from '../../client/resource-types.js';
import { keyOf, OWNER_UID_INDEX, splitKey } from '../../client/store.js';
import { isConflict, isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import { claimObjects } from '../shared/controller-ref-manager.js';
import { ControllerExpectations } from '../shared/expectations.js';
import { controllerRefOf, newControllerRef } from '../shared/owner-references.js';
import { isPodActive } from '../shared/pod-state.js';
import { slowStartBatch } from '../shared/slow-start.js';
import type { Pod, ReplicaSet } from '../shared/workload-types.js';
import { podsControlledBy, podsToDelete } from './pod-ranking.js';
import type { ReplicaKind } from './replica-kinds.js';
import { availabilityRecheckMs, calculateReplicaSetStatus, podFromTemplate, replicaAction, statusDiffers } from './rs-decisions.js';

export interface ReplicaControllerOptions {
  /** Concurrent reconciles (upstream's --concurrent-replicaset-syncs, default 5). */
  workers?: number;
}

export class ReplicaSetController implements Controller {
  readonly name: string;
  readonly workers: number;
  private ctx!: ControllerContext;
  private rsInformer!: Informer<ReplicaSet>;
  private podInformer!: Informer<Pod>;
  private rsClient!: ResourceClient<ReplicaSet>;
  private podClient!: ResourceClient<Pod>;
  private recorder!: EventRecorder;
  private expectations!: ControllerExpectations;

  constructor(
    private readonly kind: ReplicaKind,
    o: ReplicaControllerOptions = {},
  ) {
    this.name = kind.controllerName;
    this.workers = o.workers ?? 5;
  }

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.ctx = ctx;
    this.rsClient = ctx.client.resource<ReplicaSet>(this.kind.type);
    this.podClient = ctx.client.resource<Pod>(podsType);
    this.recorder = ctx.recorder(this.name);
    this.expectations = new ControllerExpectations(ctx.clock);
    this.rsInformer = ctx.informers.informerFor<ReplicaSet>(this.kind.type);
    this.podInformer = ctx.informers.informerFor<Pod>(podsType);

    const enqueueRs = (rs: ReplicaSet) => enqueue(keyOf(rs));
    this.rsInformer.addEventHandler({
      add: enqueueRs,
      update: (_, rs) => enqueueRs(rs),
      delete: (obj) => {
        const rs = 'key' in obj && 'obj' in obj ? obj.obj : (obj as ReplicaSet);
        this.expectations.delete(keyOf(rs));
        enqueueRs(rs);
      },
    });
    this.podInformer.addEventHandler({
      add: (pod) => {
        if (pod.metadata?.deletionTimestamp) return this.podGone(pod, enqueue);
        const owner = this.ownerOf(pod);
        if (owner) {
          this.expectations.creationObserved(keyOf(owner));
          return enqueue(keyOf(owner));
        }
        if (!controllerRefOf(pod)) for (const rs of this.matchingReplicaSets(pod)) enqueue(keyOf(rs));
      },
      update: (old, pod) => {
        if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
        if (pod.metadata?.deletionTimestamp && !old.metadata?.deletionTimestamp) this.podGone(pod, enqueue);
        const oldRef = controllerRefOf(old);
        const ref = controllerRefOf(pod);
        if (oldRef && oldRef.uid !== ref?.uid) {
          const oldOwner = this.ownerOf(old);
          if (oldOwner) enqueue(keyOf(oldOwner));
        }
        const owner = this.ownerOf(pod);
        if (owner) return enqueue(keyOf(owner));
        if (!ref) for (const rs of this.matchingReplicaSets(pod)) enqueue(keyOf(rs));
      },
      delete: (obj) => this.podGone('key' in obj && 'obj' in obj ? obj.obj : (obj as Pod), enqueue),
    });
  }

  /** A pod deleted or being deleted: lower its owner's expected deletions and look at the owner. */
  private podGone(pod: Pod, enqueue: (key: string) => void): void {
    const owner = this.ownerOf(pod);
    if (!owner) return;
    this.expectations.deletionObserved(keyOf(owner), keyOf(pod));
    enqueue(keyOf(owner));
  }

  /** The cached ReplicaSet controlling `obj`, if its controller reference names one of ours. */
  private ownerOf(obj: Pod): ReplicaSet | undefined {
    const ref = controllerRefOf(obj);
    if (!ref || ref.kind !== this.kind.kind) return undefined;
    const rs = this.rsInformer.lister.get(obj.metadata?.namespace, ref.name);
    return rs?.metadata?.uid === ref.uid ? rs : undefined;
  }

  private matchingReplicaSets(pod: Pod): ReplicaSet[] {
    return this.rsInformer.lister.list(pod.metadata?.namespace ?? '').filter((rs) => {
      const sel = rs.spec?.selector;
      return !!sel && Object.keys(sel).length > 0 && this.kind.matcher(rs)(pod.metadata?.labels);
    });
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const rs = this.rsInformer.lister.get(namespace, name);
    if (!rs) {
      this.expectations.delete(key);
      return;
    }
    const needsSync = this.expectations.satisfied(key);
    const matches = this.kind.matcher(rs);
    const candidates = this.podInformer.lister.list(namespace).filter(isPodActive);
    const pods = await claimObjects(rs, matches, candidates, {
      ownerRef: this.controllerRef(rs),
      canAdopt: async () => {
        const fresh = await this.rsClient.get(name, { namespace }).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
        return !!fresh && fresh.metadata?.uid === rs.metadata?.uid && !fresh.metadata?.deletionTimestamp;
      },
      patch: (pod, patch) => this.podClient.patch(pod.metadata!.name!, patch, { namespace, type: 'strategic' }),
    });
    let manageError: Error | undefined;
    if (needsSync && !rs.metadata?.deletionTimestamp) {
      manageError = await this.manageReplicas(key, rs, pods).then(
        () => undefined,
        (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
      );
    }
    const status = calculateReplicaSetStatus({ rs, pods, manageError, now: this.ctx.clock.now() });
    await this.writeStatus(rs, status);
    if (manageError) throw manageError;
    const recheck = availabilityRecheckMs(rs, status);
    return recheck === undefined ? undefined : { requeueAfter: recheck };
  }

  private controllerRef(rs: ReplicaSet) {
    return newControllerRef(rs, { apiVersion: this.kind.apiVersion, kind: this.kind.kind });
  }

  /** Creates (in slow-start batches) or deletes (ranked) pods; rejects with the first failure. */
  private async manageReplicas(key: string, rs: ReplicaSet, pods: Pod[]): Promise<void> {
    const action = replicaAction(pods.length, rs.spec?.replicas ?? 1);
    if (!action) return;
    const namespace = rs.metadata!.namespace!;
    const ref = this.reference(rs);
    if ('create' in action) {
      const n = action.create;
      this.expectations.expectCreations(key, n);
      const template = podFromTemplate(rs, [this.controllerRef(rs)]);
      const { successes, error } = await slowStartBatch(n, 1, async () => {
        try {
          const created = await this.podClient.create(structuredClone(template), { namespace });
          this.recorder.event(ref, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata?.name}`);
        } catch (err) {
          this.recorder.event(ref, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
          throw err;
        }
      });
      for (let i = successes; i < n; i++) this.expectations.creationObserved(key);
      if (error) throw error;
      return;
    }
    const related = this.relatedPods(rs, pods);
    const victims = podsToDelete(pods, related, action.delete, this.ctx.clock.now());
    this.expectations.expectDeletions(key, victims.map(keyOf));
    const results = await Promise.allSettled(
      victims.map(async (pod) => {
        const podName = pod.metadata!.name!;
        try {
          await this.podClient.delete(podName, { namespace });
          this.recorder.event(ref, 'Normal', 'SuccessfulDelete', `Deleted pod: ${podName}`);
        } catch (err) {
          this.expectations.deletionObserved(key, keyOf(pod));
          if (isNotFound(err)) return;
          this.recorder.event(ref, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
          throw err;
        }
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Active pods of every ReplicaSet with the same controller as `rs` (the ranking's "related" pods). */
  private relatedPods(rs: ReplicaSet, own: Pod[]): Pod[] {
    const ctrl = controllerRefOf(rs);
    if (!ctrl) return own;
    const siblings = this.rsInformer.lister.list(rs.metadata?.namespace).filter((o) => controllerRefOf(o)?.uid === ctrl.uid);
    const uids = new Set(siblings.map((s) => s.metadata!.uid!));
    const pods = [...uids].flatMap((uid) => this.podInformer.lister.byIndex(OWNER_UID_INDEX, uid));
    return podsControlledBy(pods, uids).filter(isPodActive);
  }

  private reference(rs: ReplicaSet) {
    const m = rs.metadata!;
    return { apiVersion: this.kind.apiVersion, kind: this.kind.kind, namespace: m.namespace, name: m.name, uid: m.uid, resourceVersion: m.resourceVersion };
  }

  /** Writes status when it changed; on a conflict, once more on a fresh copy (upstream's statusUpdateRetries). */
  private async writeStatus(rs: ReplicaSet, status: ReplicaSet['status'] & object): Promise<void> {
    if (!statusDiffers(rs.status, status)) return;
    const namespace = rs.metadata!.namespace!;
    try {
      await this.rsClient.updateStatus({ ...rs, status }, { namespace });
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err)) throw err;
      const fresh = await this.rsClient.get(rs.metadata!.name!, { namespace });
      if (fresh.metadata?.uid !== rs.metadata?.uid) return;
      await this.rsClient.updateStatus({ ...fresh, status }, { namespace });
    }
  }
}
