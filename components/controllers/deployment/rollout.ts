// The writes of a Deployment sync (upstream's sync.go, rolling.go, recreate.go): finding or creating
// the new ReplicaSet, scaling ReplicaSets with ScalingReplicaSet events, cleaning up old history and
// writing status. Decisions come from rolling.ts, status.ts and deployment-util.ts.
import type { Client, ResourceClient } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import { deployments as deploymentsType, replicaSets as replicaSetsType } from '../../client/resource-types.js';
import { isAlreadyExists, isNotFound } from '../../client/transport.js';
import { newControllerRef, controllerRefOf } from '../shared/owner-references.js';
import type { Deployment, Pod, ReplicaSet } from '../shared/workload-types.js';
import {
  activeReplicaSets,
  actualReplicas,
  byRevision,
  findActiveOrLatest,
  findNewReplicaSet,
  hasProgressDeadline,
  isRollingUpdate,
  isSaturated,
  maxRevision,
  maxSurge,
  oldReplicaSets,
  replicasAnnotationsNeedUpdate,
  replicasOf,
  REVISION_ANNOTATION,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from './deployment-util.js';
import { newReplicaSetReplicas, oldReplicaSetsScaleDown, proportionalScale } from './rolling.js';
import { calculateStatus, condition, getCondition, progressRecheckMs, REASON, rolloutStatus, sameStatus, setCondition, deploymentComplete } from './status.js';
import { computeHash, equalIgnoreHash, POD_TEMPLATE_HASH_LABEL } from './template-hash.js';

export interface RolloutDeps {
  client: Client;
  recorder: EventRecorder;
  clock: Clock;
  /** The cached ReplicaSet by name (to tell an AlreadyExists of ours from a hash collision). */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
}

/** One sync of one Deployment; `d` is a private copy that follows every write. */
export class Rollout {
  private readonly rsClient: ResourceClient<ReplicaSet>;
  private readonly dClient: ResourceClient<Deployment>;
  /** Look at the Deployment again after this long (progress deadline). */
  requeueAfter?: number;

  constructor(
    private readonly deps: RolloutDeps,
    public d: Deployment,
  ) {
    this.rsClient = deps.client.resource<ReplicaSet>(replicaSetsType);
    this.dClient = deps.client.resource<Deployment>(deploymentsType);
  }

  private get ns(): string {
    return this.d.metadata!.namespace!;
  }

  private now(): number {
    return this.deps.clock.now();
  }

  private event(type: 'Normal' | 'Warning', reason: string, message: string): void {
    const m = this.d.metadata!;
    this.deps.recorder.event({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: m.namespace, name: m.name, uid: m.uid, resourceVersion: m.resourceVersion }, type, reason, message);
  }

  /** The new ReplicaSet (created when asked and missing) and the old ones (getAllReplicaSetsAndSyncRevision). */
  async replicaSets(rsList: ReplicaSet[], create: boolean): Promise<{ newRS?: ReplicaSet; olds: ReplicaSet[] }> {
    const existing = findNewReplicaSet(this.d, rsList);
    const olds = oldReplicaSets(rsList, existing);
    const newRS = await this.newReplicaSet(existing, olds, create);
    return { newRS, olds };
  }

  private async newReplicaSet(existing: ReplicaSet | undefined, olds: ReplicaSet[], create: boolean): Promise<ReplicaSet | undefined> {
    const newRevision = maxRevision(olds) + 1;
    if (existing) {
      const copy = structuredClone(existing);
      const annotationsChanged = setNewReplicaSetAnnotations(this.d, copy, newRevision, true);
      const minReady = this.d.spec?.minReadySeconds ?? 0;
      if (annotationsChanged || (copy.spec?.minReadySeconds ?? 0) !== minReady) {
        copy.spec = { ...copy.spec, minReadySeconds: minReady };
        return this.rsClient.update(copy, { namespace: this.ns });
      }
      await this.setDeploymentRevision(copy.metadata?.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(this.d) && !getCondition(this.d.status, 'Progressing')) {
        const status = structuredClone(this.d.status ?? {});
        setCondition(status, condition('Progressing', 'True', REASON.foundNewRS, `Found new replica set "${copy.metadata!.name}"`, this.now()));
        await this.writeStatus(status);
      }
      return copy;
    }
    if (!create) return undefined;
    return this.createNewReplicaSet(olds, newRevision);
  }

  private async createNewReplicaSet(olds: ReplicaSet[], newRevision: number): Promise<ReplicaSet | undefined> {
    const d = this.d;
    const hash = computeHash(d.spec?.template, d.status?.collisionCount);
    const template = structuredClone(d.spec?.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = structuredClone(d.spec?.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
    const name = `${d.metadata!.name}-${hash}`;
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name, namespace: this.ns, labels: { ...template.metadata.labels }, ownerReferences: [newControllerRef(d, { apiVersion: 'apps/v1', kind: 'Deployment' })] },
      spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
    };
    const replicas = newReplicaSetReplicas(d, [...olds, rs], rs);
    rs.spec!.replicas = replicas;
    setNewReplicaSetAnnotations(d, rs, newRevision, false);
    let created: ReplicaSet;
    let alreadyExists = false;
    try {
      created = await this.rsClient.create(rs, { namespace: this.ns });
    } catch (err) {
      if (!isAlreadyExists(err)) {
        const msg = `Failed to create new replica set "${name}": ${(err as Error).message}`;
        if (hasProgressDeadline(d)) {
          const status = structuredClone(d.status ?? {});
          setCondition(status, condition('Progressing', 'False', REASON.failedRSCreate, msg, this.now()));
          await this.writeStatus(status).catch(() => undefined);
        }
        this.event('Warning', REASON.failedRSCreate, msg);
        throw err;
      }
      const found = this.deps.cachedReplicaSet(this.ns, name) ?? (await this.rsClient.get(name, { namespace: this.ns }));
      if (controllerRefOf(found)?.uid !== d.metadata?.uid || !equalIgnoreHash(d.spec?.template, found.spec?.template)) {
        // A hash collision: bump collisionCount so the next sync hashes differently.
        const status = structuredClone(d.status ?? {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        await this.writeStatus(status);
        throw err;
      }
      created = found;
      alreadyExists = true;
    }
    if (!alreadyExists && replicas > 0) this.event('Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${replicas}`);
    await this.setDeploymentRevision(String(newRevision));
    if (!alreadyExists && hasProgressDeadline(d)) {
      const status = structuredClone(this.d.status ?? {});
      setCondition(status, condition('Progressing', 'True', REASON.newRSCreated, `Created new replica set "${name}"`, this.now()));
      await this.writeStatus(status);
    }
    return created;
  }

  /** The Deployment carries its new ReplicaSet's revision (SetDeploymentRevision). */
  private async setDeploymentRevision(revision: string): Promise<void> {
    if (!revision || this.d.metadata?.annotations?.[REVISION_ANNOTATION] === revision) return;
    const copy = structuredClone(this.d);
    copy.metadata!.annotations = { ...copy.metadata!.annotations, [REVISION_ANNOTATION]: revision };
    const updated = await this.dClient.update(copy, { namespace: this.ns });
    this.d = { ...updated, status: this.d.status };
  }

  async writeStatus(status: Deployment['status'] & object): Promise<void> {
    if (sameStatus(this.d.status, status)) return;
    const updated = await this.dClient.updateStatus({ ...this.d, status }, { namespace: this.ns });
    this.d = updated;
  }

  /** Sets a ReplicaSet's size and replicas annotations; records ScalingReplicaSet when the size changed. */
  async scaleReplicaSet(rs: ReplicaSet, replicas: number, operation?: string): Promise<ReplicaSet> {
    const desired = replicasOf(this.d);
    const max = desired + maxSurge(this.d);
    const sizeChanged = replicasOf(rs) !== replicas;
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, desired, max)) return rs;
    const copy = structuredClone(rs);
    const old = replicasOf(rs);
    copy.spec = { ...copy.spec, replicas };
    setReplicasAnnotations(copy, desired, max);
    const updated = await this.rsClient.update(copy, { namespace: this.ns });
    if (sizeChanged) {
      const op = operation || (replicas > old ? 'up' : 'down');
      this.event('Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata!.name} to ${replicas} from ${old}`);
    }
    return updated;
  }

  /** Scaling without a rollout (DeploymentController.scale). */
  async scale(newRS: ReplicaSet | undefined, olds: ReplicaSet[]): Promise<void> {
    const only = findActiveOrLatest(newRS, olds);
    if (only) {
      if (replicasOf(only) !== replicasOf(this.d)) await this.scaleReplicaSet(only, replicasOf(this.d));
      return;
    }
    if (isSaturated(this.d, newRS)) {
      for (const rs of activeReplicaSets(olds)) await this.scaleReplicaSet(rs, 0);
      return;
    }
    if (!isRollingUpdate(this.d)) return;
    const { targets, operation } = proportionalScale(this.d, activeReplicaSets([...olds, newRS]));
    for (const t of targets) await this.scaleReplicaSet(t.rs, t.replicas, operation);
  }

  /** One RollingUpdate step (rolloutRolling). */
  async rolling(rsList: ReplicaSet[]): Promise<void> {
    const { newRS, olds } = await this.replicaSets(rsList, true);
    if (!newRS) return;
    let current = newRS;
    const all = () => [...olds, current];
    const want = newReplicaSetReplicas(this.d, all(), current);
    const target = replicasOf(current) > replicasOf(this.d) ? replicasOf(this.d) : want;
    if (target !== replicasOf(current)) {
      current = await this.scaleReplicaSet(current, target);
      return this.syncRolloutStatus(all(), current);
    }
    const downs = oldReplicaSetsScaleDown(this.d, olds, current);
    if (downs.length > 0) {
      for (const t of downs) olds[olds.indexOf(t.rs)] = await this.scaleReplicaSet(t.rs, t.replicas);
      return this.syncRolloutStatus(all(), current);
    }
    if (deploymentComplete(this.d, this.d.status ?? {})) await this.cleanup(olds);
    return this.syncRolloutStatus(all(), current);
  }

  /** One Recreate step (rolloutRecreate): old ReplicaSets to 0, wait for their pods, then the new one. */
  async recreate(rsList: ReplicaSet[], podsByRs: Map<string, Pod[]>): Promise<void> {
    let { newRS, olds } = await this.replicaSets(rsList, false);
    const active = activeReplicaSets(olds);
    if (active.length > 0) {
      for (const rs of active) olds[olds.indexOf(rs)] = await this.scaleReplicaSet(rs, 0);
      return this.syncRolloutStatus([...olds, newRS], newRS);
    }
    if (oldPodsRunning(newRS, olds, podsByRs)) return this.syncRolloutStatus([...olds, newRS], newRS);
    if (!newRS) ({ newRS, olds } = await this.replicaSets(rsList, true));
    if (!newRS) return;
    if (replicasOf(newRS) !== replicasOf(this.d)) newRS = await this.scaleReplicaSet(newRS, replicasOf(this.d));
    if (deploymentComplete(this.d, this.d.status ?? {})) await this.cleanup(olds);
    return this.syncRolloutStatus([...olds, newRS], newRS);
  }

  /** Scaling, and paused Deployments (DeploymentController.sync). */
  async sync(rsList: ReplicaSet[]): Promise<void> {
    const { newRS, olds } = await this.replicaSets(rsList, false);
    await this.scale(newRS, olds);
    const fresh = (rs: ReplicaSet) => this.deps.cachedReplicaSet(this.ns, rs.metadata!.name!) ?? rs;
    if (this.d.spec?.paused) await this.cleanup(olds);
    const all = [...olds, ...(newRS ? [newRS] : [])].map(fresh);
    const status = calculateStatus(this.d, all, newRS && fresh(newRS), this.now());
    await this.writeStatus(status);
  }

  async syncRolloutStatus(all: Array<ReplicaSet | undefined>, newRS: ReplicaSet | undefined): Promise<void> {
    const rss = all.filter((rs): rs is ReplicaSet => !!rs);
    const status = rolloutStatus(this.d, rss, newRS, this.now());
    if (!sameStatus(this.d.status, status)) await this.writeStatus(status);
    const recheck = progressRecheckMs(this.d, status, this.now());
    if (recheck !== undefined) this.requeueAfter = recheck;
  }

  /** Deletes the oldest scaled-down ReplicaSets beyond revisionHistoryLimit (cleanupDeployment). */
  async cleanup(olds: ReplicaSet[]): Promise<void> {
    const limit = this.d.spec?.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = olds.filter((rs) => !rs.metadata?.deletionTimestamp).sort(byRevision);
    const diff = cleanable.length - limit;
    for (const rs of cleanable.slice(0, Math.max(0, diff))) {
      if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      await this.rsClient.delete(rs.metadata!.name!, { namespace: this.ns, preconditions: { uid: rs.metadata!.uid } }).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    }
  }
}

/** Old pods still around (oldPodsRunning): counted replicas, or pods not yet finished. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, olds: ReplicaSet[], podsByRs: Map<string, Pod[]>): boolean {
  if (actualReplicas(olds) > 0) return true;
  for (const [uid, pods] of podsByRs) {
    if (uid === newRS?.metadata?.uid) continue;
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true;
  }
  return false;
}
