// The Deployment controller (upstream's pkg/controller/deployment): owns ReplicaSets through the
// pod-template-hash, rolls them out (RollingUpdate or Recreate), scales proportionally, keeps
// revision history and reports status and conditions. Handlers only enqueue Deployment keys.
import type { ResourceClient } from '../../client/client.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Informer } from '../../client/informer.js';
import { deployments as deploymentsType, pods as podsType, replicaSets as replicaSetsType } from '../../client/resource-types.js';
import { keyOf, OWNER_UID_INDEX, splitKey } from '../../client/store.js';
import { isNotFound } from '../../client/transport.js';
import type { Controller, ControllerContext, ReconcileResult } from '../runtime/controller.js';
import { claimObjects } from '../shared/controller-ref-manager.js';
import { selectorMatcher, selectsEverything } from '../shared/label-selector.js';
import { controllerRefOf, newControllerRef } from '../shared/owner-references.js';
import type { Deployment, Pod, ReplicaSet } from '../shared/workload-types.js';
import { desiredReplicasAnnotation, findNewReplicaSet, oldReplicaSets, activeReplicaSets, replicasOf } from './deployment-util.js';
import { Rollout } from './rollout.js';
import { pausedCondition, setCondition } from './status.js';

export interface DeploymentControllerOptions {
  /** Concurrent reconciles (upstream's --concurrent-deployment-syncs, default 5). */
  workers?: number;
}

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  readonly workers: number;
  private ctx!: ControllerContext;
  private dInformer!: Informer<Deployment>;
  private rsInformer!: Informer<ReplicaSet>;
  private podInformer!: Informer<Pod>;
  private dClient!: ResourceClient<Deployment>;
  private rsClient!: ResourceClient<ReplicaSet>;
  private recorder!: EventRecorder;

  constructor(o: DeploymentControllerOptions = {}) {
    this.workers = o.workers ?? 5;
  }

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.ctx = ctx;
    this.dClient = ctx.client.resource<Deployment>(deploymentsType);
    this.rsClient = ctx.client.resource<ReplicaSet>(replicaSetsType);
    this.recorder = ctx.recorder(this.name);
    this.dInformer = ctx.informers.informerFor<Deployment>(deploymentsType);
    this.rsInformer = ctx.informers.informerFor<ReplicaSet>(replicaSetsType);
    this.podInformer = ctx.informers.informerFor<Pod>(podsType);
    const unwrap = <T>(o: T | { obj: T; key: string }): T => (o && typeof o === 'object' && 'key' in o && 'obj' in o ? o.obj : (o as T));

    this.dInformer.addEventHandler({ add: (d) => enqueue(keyOf(d)), update: (_, d) => enqueue(keyOf(d)), delete: (d) => enqueue(keyOf(unwrap(d))) });
    const rsChanged = (rs: ReplicaSet, old?: ReplicaSet) => {
      const oldOwner = old && this.ownerOf(old);
      const owner = this.ownerOf(rs);
      if (oldOwner && oldOwner !== owner) enqueue(keyOf(oldOwner));
      if (owner) return enqueue(keyOf(owner));
      if (!controllerRefOf(rs)) for (const d of this.matchingDeployments(rs)) enqueue(keyOf(d));
    };
    this.rsInformer.addEventHandler({
      add: (rs) => rsChanged(rs),
      update: (old, rs) => old.metadata?.resourceVersion !== rs.metadata?.resourceVersion && rsChanged(rs, old),
      delete: (rs) => {
        const owner = this.ownerOf(unwrap(rs));
        if (owner) enqueue(keyOf(owner));
      },
    });
    // Recreate waits for old pods to be gone.
    this.podInformer.addEventHandler({
      delete: (obj) => {
        const pod = unwrap(obj);
        const ref = controllerRefOf(pod);
        const rs = ref?.kind === 'ReplicaSet' ? this.rsInformer.lister.get(pod.metadata?.namespace, ref.name) : undefined;
        const d = rs && this.ownerOf(rs);
        if (d && d.spec?.strategy?.type === 'Recreate') enqueue(keyOf(d));
      },
    });
  }

  private ownerOf(rs: ReplicaSet): Deployment | undefined {
    const ref = controllerRefOf(rs);
    if (ref?.kind !== 'Deployment') return undefined;
    const d = this.dInformer.lister.get(rs.metadata?.namespace, ref.name);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  private matchingDeployments(rs: ReplicaSet): Deployment[] {
    return this.dInformer.lister.list(rs.metadata?.namespace ?? '').filter((d) => !selectsEverything(d.spec?.selector) && selectorMatcher(d.spec?.selector)(rs.metadata?.labels));
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const cached = this.dInformer.lister.get(namespace, name);
    if (!cached) return;
    const d = structuredClone(cached);
    const rollout = new Rollout(
      { client: this.ctx.client, recorder: this.recorder, clock: this.ctx.clock, cachedReplicaSet: (ns, n) => this.rsInformer.lister.get(ns, n) },
      d,
    );
    if (selectsEverything(d.spec?.selector)) {
      this.recorder.event(cached, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) await rollout.writeStatus({ ...d.status, observedGeneration: d.metadata?.generation });
      return;
    }
    const rsList = await this.claimReplicaSets(d);
    if (d.metadata?.deletionTimestamp) return rollout.sync(rsList).then(() => undefined);

    const paused = pausedCondition(d, this.ctx.clock.now());
    if (paused) {
      const status = structuredClone(d.status ?? {});
      setCondition(status, paused);
      await rollout.writeStatus(status);
    }
    if (d.spec?.paused || this.isScalingEvent(rollout.d, rsList)) {
      await rollout.sync(rsList);
    } else if (d.spec?.strategy?.type === 'Recreate') {
      await rollout.recreate(rsList, this.podsByReplicaSet(rsList));
    } else {
      await rollout.rolling(rsList);
    }
    return rollout.requeueAfter === undefined ? undefined : { requeueAfter: rollout.requeueAfter };
  }

  /** A change of spec.replicas that the active ReplicaSets' desired-replicas annotations do not show yet (isScalingEvent). */
  private isScalingEvent(d: Deployment, rsList: ReplicaSet[]): boolean {
    const newRS = findNewReplicaSet(d, rsList);
    const active = activeReplicaSets([...oldReplicaSets(rsList, newRS), newRS]);
    return active.some((rs) => {
      const desired = desiredReplicasAnnotation(rs);
      return desired !== undefined && desired !== replicasOf(d);
    });
  }

  /** The ReplicaSets this Deployment controls, adopting matching orphans and releasing the rest (getReplicaSetsForDeployment). */
  private async claimReplicaSets(d: Deployment): Promise<ReplicaSet[]> {
    const namespace = d.metadata!.namespace!;
    return claimObjects(d, selectorMatcher(d.spec?.selector), this.rsInformer.lister.list(namespace), {
      ownerRef: newControllerRef(d, { apiVersion: 'apps/v1', kind: 'Deployment' }),
      canAdopt: async () => {
        const fresh = await this.dClient.get(d.metadata!.name!, { namespace }).catch((err: unknown) => (isNotFound(err) ? undefined : Promise.reject(err)));
        return !!fresh && fresh.metadata?.uid === d.metadata?.uid && !fresh.metadata?.deletionTimestamp;
      },
      patch: (rs, patch) => this.rsClient.patch(rs.metadata!.name!, patch, { namespace, type: 'strategic' }),
    });
  }

  private podsByReplicaSet(rsList: ReplicaSet[]): Map<string, Pod[]> {
    const map = new Map<string, Pod[]>();
    for (const rs of rsList) {
      const uid = rs.metadata!.uid!;
      map.set(uid, this.podInformer.lister.byIndex(OWNER_UID_INDEX, uid).filter((p) => controllerRefOf(p)?.uid === uid));
    }
    return map;
  }
}
