// The StatefulSet controller (upstream pkg/controller/statefulset): informer handlers enqueue the
// set a pod, claim or set change concerns; reconcile claims the set's pods and revisions, settles the
// revisions, carries out planSync's actions in order, writes status and trims history.
import type { EventRecorder } from '../../client/event-recorder.js';
import { DeletedFinalStateUnknown, type Informer } from '../../client/informer.js';
import { persistentVolumeClaims, pods as podsType, statefulSets } from '../../client/resource-types.js';
import { keyOf, splitKey } from '../../client/store.js';
import { isAlreadyExists, isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import { claimObjects, controllerRefOf, newControllerRef } from '../workload-common/claim.js';
import { PendingWrites } from '../workload-common/pending-writes.js';
import { templateOfRevisionData } from '../workload-common/revision-hash.js';
import { selectorMatcher } from '../workload-common/selectors.js';
import { writeStatus } from '../workload-common/status-writer.js';
import { controllerRevisions, type ControllerRevision, type Obj, type PersistentVolumeClaim, type Pod, type StatefulSet } from '../workload-common/types.js';
import { podClaimIsStale, syncPodClaims } from './claims.js';
import { identityLabels, isMemberOf, newStatefulSetPod } from './pod-identity.js';
import { deleteRevisions, revisionsToTruncate, syncSetRevisions } from './revisions.js';
import { planSync, type SyncAction } from './sync-plan.js';
import { computeStatus, statusChanged } from './status.js';

export const STATEFULSET_CONTROLLER = 'statefulset-controller';
const CACHE_RECHECK_MS = 1000;

export class StatefulSetController implements Controller {
  readonly name = STATEFULSET_CONTROLLER;
  readonly workers = 2;
  private ctx!: ControllerContext;
  private sets!: Informer<StatefulSet>;
  private pods!: Informer<Pod>;
  private revisions!: Informer<ControllerRevision>;
  private claims!: Informer<PersistentVolumeClaim>;
  private recorder!: EventRecorder;
  private pending!: PendingWrites;

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.ctx = ctx;
    this.recorder = ctx.recorder(STATEFULSET_CONTROLLER);
    this.pending = new PendingWrites(ctx.clock);
    this.sets = ctx.informers.informerFor<StatefulSet>(statefulSets);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.revisions = ctx.informers.informerFor<ControllerRevision>(controllerRevisions);
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(persistentVolumeClaims);
    const enqueueObj = (o: Obj) => enqueue(keyOf(o));
    this.sets.addEventHandler({ add: enqueueObj, update: (_o, n) => enqueueObj(n), delete: (o) => enqueueObj(o instanceof DeletedFinalStateUnknown ? o.obj : o) });
    // A pod concerns its controlling set, or (an orphan) every set that could adopt it.
    const forPod = (pod: Pod) => {
      const ref = controllerRefOf(pod);
      const ns = pod.metadata?.namespace ?? '';
      if (ref) {
        if (ref.kind === 'StatefulSet') enqueue(`${ns}/${ref.name}`);
        return;
      }
      for (const set of this.sets.lister.list(ns)) if (selectorMatcher(set.spec?.selector)(pod.metadata?.labels) && isMemberOf(set, pod)) enqueue(keyOf(set));
    };
    this.pods.addEventHandler({
      add: forPod,
      update: (o, n) => {
        forPod(n);
        if (controllerRefOf(o)?.uid !== controllerRefOf(n)?.uid) forPod(o);
      },
      delete: (o) => forPod(o instanceof DeletedFinalStateUnknown ? o.obj : o),
    });
    this.revisions.addEventHandler({});
    this.claims.addEventHandler({});
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const set = this.sets.lister.get(namespace, name);
    if (!set) {
      this.pending.forget(key);
      return;
    }
    if (!this.pending.observed(key, (k) => this.pods.indexer.get(k))) return { requeueAfter: CACHE_RECHECK_MS };
    const ns = namespace!;
    const podClient = this.ctx.client.resource<Pod>(podsType);
    const revClient = this.ctx.client.resource<ControllerRevision>(controllerRevisions);
    const matches = selectorMatcher(set.spec?.selector);
    const canAdopt = async () => {
      const fresh = await this.ctx.client.resource<StatefulSet>(statefulSets).get(name, { namespace: ns });
      return fresh.metadata?.uid === set.metadata?.uid && !fresh.metadata?.deletionTimestamp;
    };
    const ownerRef = newControllerRef(set, 'apps/v1', 'StatefulSet');
    const revisions = await claimObjects(set, (r: ControllerRevision) => matches(r.metadata?.labels), this.revisions.lister.list(ns), {
      ownerRef,
      canAdopt,
      patch: (r, p) => revClient.patch(r.metadata!.name!, p, { namespace: ns, type: 'strategic' }),
    });
    const pods = await claimObjects(set, (p: Pod) => matches(p.metadata?.labels) && isMemberOf(set, p), this.pods.lister.list(ns), {
      ownerRef,
      canAdopt,
      patch: (p, patch) => podClient.patch(p.metadata!.name!, patch, { namespace: ns, type: 'strategic' }),
    });

    const { current, update, collisionCount } = await syncSetRevisions(set, revisions, revClient);
    const nowMs = this.ctx.clock.now();
    const plan = planSync({ set, pods, updateRevision: update.metadata!.name!, nowMs });
    let deletedForUpdate = 0;
    let failure: unknown;
    try {
      for (const action of plan.actions) {
        if (action.kind === 'delete' && action.why === 'update') deletedForUpdate++;
        if (!(await this.act(set, action, { current, update }))) break;
      }
    } catch (err) {
      failure = err;
    }
    const status = computeStatus({ set, pods, currentRevision: current.metadata!.name!, updateRevision: update.metadata!.name!, collisionCount, deletedForUpdate, nowMs });
    if (statusChanged(set, status)) await writeStatus(this.ctx.client.resource<StatefulSet>(statefulSets), set, status, ns);
    if (failure) throw failure;
    const live = [current.metadata!.name!, update.metadata!.name!];
    await deleteRevisions(revisionsToTruncate(set, pods, revisions, live), revClient);
    if (set.spec?.minReadySeconds && status.readyReplicas !== status.availableReplicas) return { requeueAfter: set.spec.minReadySeconds * 1000 };
  }

  /** Carries out one action; false when the sync should stop here without failing (a stale claim, a racing create). */
  private async act(set: StatefulSet, action: SyncAction, revs: { current: ControllerRevision; update: ControllerRevision }): Promise<boolean> {
    const ns = set.metadata!.namespace!;
    const setName = set.metadata!.name!;
    const key = keyOf(set);
    const podClient = this.ctx.client.resource<Pod>(podsType);
    const claimIO = { claims: this.ctx.client.resource<PersistentVolumeClaim>(persistentVolumeClaims), lister: this.claims.lister, recorder: this.recorder };
    switch (action.kind) {
      case 'create': {
        if (podClaimIsStale(set, action.ordinal, this.claims.lister)) return false;
        const revision = action.revision === 'current' ? revs.current : revs.update;
        const pod = newStatefulSetPod(set, templateOfRevisionData(revision.data), action.ordinal, revision.metadata!.name!);
        const podName = pod.metadata!.name!;
        try {
          if ((set.spec?.volumeClaimTemplates ?? []).length > 0) await syncPodClaims(set, pod, claimIO);
          const created = await podClient.create(pod, { namespace: ns });
          this.pending.created(key, `${ns}/${podName}`);
          this.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${setName} successful`);
          if ((set.spec?.volumeClaimTemplates ?? []).length > 0) await syncPodClaims(set, created, claimIO);
        } catch (err) {
          if (isAlreadyExists(err)) return false;
          this.recorder.event(set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: ${(err as Error).message}`);
          throw err;
        }
        return true;
      }
      case 'delete': {
        const podName = action.pod.metadata!.name!;
        try {
          await podClient.delete(podName, { namespace: ns, preconditions: { uid: action.pod.metadata!.uid! } });
          this.pending.deleted(key, `${ns}/${podName}`);
          this.recorder.event(set, 'Normal', 'SuccessfulDelete', `delete Pod ${podName} in StatefulSet ${setName} successful`);
        } catch (err) {
          if (isNotFound(err)) return true;
          this.recorder.event(set, 'Warning', 'FailedDelete', `delete Pod ${podName} in StatefulSet ${setName} failed error: ${(err as Error).message}`);
          throw err;
        }
        return true;
      }
      case 'updateIdentity': {
        const podName = action.pod.metadata!.name!;
        await podClient.patch(podName, { metadata: { labels: identityLabels(action.pod), resourceVersion: action.pod.metadata?.resourceVersion } }, { namespace: ns, type: 'merge' });
        this.recorder.event(set, 'Normal', 'SuccessfulUpdate', `update Pod ${podName} in StatefulSet ${setName} successful`);
        return true;
      }
      case 'syncClaims':
        await syncPodClaims(set, action.pod, claimIO);
        return true;
    }
  }
}
