// The PersistentVolume binder (pkg/controller/volume/persistentvolume) with k3s's local-path
// provisioner folded in: it keeps the `local-path` class in place, binds claims to fitting volumes,
// provisions hostPath volumes for claims of that class (at once for Immediate, once a consumer is
// scheduled for WaitForFirstConsumer), and reclaims volumes whose claims are gone.
// Keys: `sc` (the class), `pvc:<namespace>/<name>` (a claim, syncClaim), `pv:<name>` (a volume, syncVolume).
import type { ResourceClient } from '../../client/client.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Informer } from '../../client/informer.js';
import type { ClientLogger } from '../../client/logger.js';
import { nodes as nodesType, persistentVolumeClaims, persistentVolumes, pods as podsType } from '../../client/resource-types.js';
import { ApiError, isAlreadyExists, isConflict, isNotFound } from '../../client/transport.js';
import { splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../runtime/controller.js';
import type { Node, Pod } from '../support/api-types.js';
import { deepEqual } from '../support/deep-equal.js';
import { unwrapTombstone } from '../support/tombstone.js';
import { WriteTracker } from '../support/write-tracker.js';
import { claimBoundStatus, claimBoundTo, volumeAction, volumeBoundTo, volumeUnbound } from './binding.js';
import { claimsOfPod } from './claim-matching.js';
import { planClaim } from './claim-plan.js';
import { DEFAULT_DATA_DIR, localPathStorageClass, provisionedVolume } from './local-path.js';
import { LOCAL_PATH_CLASS, LOCAL_PATH_PROVISIONER, storageClassesType, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './volume-types.js';

export interface PersistentVolumeBinderOptions {
  /** The server's data dir; volumes live under `<dataDir>/storage`. Default /var/lib/k8ts. */
  dataDir?: string;
}

const CLASS_KEY = 'sc';
const claimKey = (namespace: string | undefined, name: string | undefined) => `pvc:${namespace}/${name}`;
const volumeKey = (name: string | undefined) => `pv:${name}`;

export class PersistentVolumeBinderController implements Controller {
  readonly name = 'persistentvolume-binder-controller';
  private claims!: Informer<PersistentVolumeClaim>;
  private volumes!: Informer<PersistentVolume>;
  private classes!: Informer<StorageClass>;
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private claimClient!: ResourceClient<PersistentVolumeClaim>;
  private volumeClient!: ResourceClient<PersistentVolume>;
  private classClient!: ResourceClient<StorageClass>;
  private recorder!: EventRecorder;
  private provisionerRecorder!: EventRecorder;
  private log!: ClientLogger;
  private enqueue!: (key: string) => void;
  private readonly writes = new WriteTracker();
  /** Claims whose default class the apiserver would not let us write (uids). */
  private readonly classRefused = new Set<string>();
  private readonly dataDir: string;

  constructor(o: PersistentVolumeBinderOptions = {}) {
    this.dataDir = o.dataDir ?? DEFAULT_DATA_DIR;
  }

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.enqueue = enqueue;
    this.log = ctx.log;
    this.recorder = ctx.recorder('persistentvolume-controller');
    this.provisionerRecorder = ctx.recorder(LOCAL_PATH_PROVISIONER);
    this.claimClient = ctx.client.resource<PersistentVolumeClaim>(persistentVolumeClaims);
    this.volumeClient = ctx.client.resource<PersistentVolume>(persistentVolumes);
    this.classClient = ctx.client.resource<StorageClass>(storageClassesType);
    this.claims = ctx.informers.informerFor<PersistentVolumeClaim>(persistentVolumeClaims);
    this.volumes = ctx.informers.informerFor<PersistentVolume>(persistentVolumes);
    this.classes = ctx.informers.informerFor<StorageClass>(storageClassesType);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.nodes = ctx.informers.informerFor<Node>(nodesType);

    const onClaim = (c: PersistentVolumeClaim) => enqueue(claimKey(c.metadata.namespace, c.metadata.name));
    this.claims.addEventHandler({
      add: onClaim,
      update: (_o, c) => onClaim(c),
      // The volumes it held are released.
      delete: (obj) => {
        const c = unwrapTombstone(obj);
        if (c.spec.volumeName) enqueue(volumeKey(c.spec.volumeName));
        for (const v of this.volumes.lister.list()) if (v.spec.claimRef?.uid === c.metadata.uid) enqueue(volumeKey(v.metadata.name));
      },
    });
    const onVolume = (v: PersistentVolume) => {
      enqueue(volumeKey(v.metadata.name));
      const ref = v.spec.claimRef;
      if (ref) enqueue(claimKey(ref.namespace, ref.name));
      else this.enqueueUnboundClaims();
    };
    this.volumes.addEventHandler({ add: onVolume, update: (_o, v) => onVolume(v), delete: (v) => onVolume(unwrapTombstone(v)) });
    this.classes.addEventHandler({
      add: () => this.enqueueUnboundClaims(),
      update: () => this.enqueueUnboundClaims(),
      delete: (obj) => {
        if (unwrapTombstone(obj).metadata.name === LOCAL_PATH_CLASS) enqueue(CLASS_KEY);
      },
    });
    // A consumer scheduled to a node lets a WaitForFirstConsumer claim be provisioned.
    const onPod = (p: Pod) => {
      if (!p.spec.nodeName) return;
      for (const name of claimsOfPod(p)) {
        const c = this.claims.lister.get(p.metadata.namespace, name);
        if (!c?.spec.volumeName) enqueue(claimKey(p.metadata.namespace, name));
      }
    };
    this.pods.addEventHandler({ add: onPod, update: (_o, p) => onPod(p) });
    enqueue(CLASS_KEY);
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    try {
      if (key === CLASS_KEY) return await this.ensureClass();
      if (key.startsWith('pv:')) return await this.syncVolume(key.slice(3));
      if (key.startsWith('pvc:')) return await this.syncClaim(key);
    } catch (err) {
      // Our cache was behind a write (ours or someone's): look again shortly, without a warning.
      if (isConflict(err)) return { requeueAfter: 100 };
      throw err;
    }
  }

  /** The `local-path` class exists (k3s deploys it from manifests/local-storage.yaml; we create it). */
  private async ensureClass(): Promise<ReconcileResult | void> {
    if (this.classes.lister.get(undefined, LOCAL_PATH_CLASS)) return;
    try {
      await this.classClient.create(localPathStorageClass());
      this.log.info({ component: this.name, key: CLASS_KEY }, `created StorageClass ${LOCAL_PATH_CLASS}`);
    } catch (err) {
      if (isAlreadyExists(err)) return;
      if (err instanceof ApiError && err.code === 403) {
        this.log.warn({ component: this.name, key: CLASS_KEY, err: err.message }, `cannot create StorageClass ${LOCAL_PATH_CLASS}`);
        return { requeueAfter: 60_000 };
      }
      throw err;
    }
  }

  private async syncClaim(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key.slice(4));
    const claim = this.claims.lister.get(namespace, name);
    if (!claim) {
      this.writes.forget(key);
      return;
    }
    if (!this.writes.caughtUp(key, (n) => (n.startsWith('pv:') ? this.volumes.lister.get(undefined, n.slice(3)) : this.claims.lister.get(namespace, n.slice(4))))) return { requeueAfter: 50 };
    const plan = planClaim(claim, {
      volumes: this.volumes.lister.list(),
      classes: this.classes.lister.list(),
      pods: this.pods.lister.list(namespace),
      nodes: this.nodes.lister.list(),
      classAssignmentRefused: this.classRefused.has(claim.metadata.uid!),
    });
    const log = { component: this.name, key };
    switch (plan.type) {
      case 'none':
        return;
      case 'assign-class':
        try {
          const updated = await this.claimClient.update({ ...claim, spec: { ...claim.spec, storageClassName: plan.className } });
          this.writes.record(key, [{ name: `pvc:${name}`, resourceVersion: updated.metadata.resourceVersion }]);
          this.log.info(log, `assigned default StorageClass ${plan.className}`);
        } catch (err) {
          if (!(err instanceof ApiError && (err.code === 422 || err.code === 403))) throw err;
          // The apiserver keeps storageClassName immutable: use the default without writing it.
          this.log.debug({ ...log, err: err.message }, 'the default StorageClass cannot be written into the claim');
          this.classRefused.add(claim.metadata.uid!);
          return { requeueAfter: 0 };
        }
        return;
      case 'bind':
        await this.bind(key, claim, plan.volume);
        return;
      case 'provision': {
        const volume = await this.provision(claim, plan.node, plan.storageClass);
        await this.bind(key, claim, volume);
        return;
      }
      case 'pending':
        if (claim.status?.phase !== 'Pending') await this.claimClient.updateStatus({ ...claim, status: { ...claim.status, phase: 'Pending' } });
        if (plan.event) this.recorder.event(claim, plan.event.type, plan.event.reason, plan.event.message);
        return plan.retry ? { requeueAfter: 5_000 } : undefined;
      case 'lost':
        if (claim.status?.phase === 'Lost') return;
        await this.claimClient.updateStatus({ ...claim, status: { ...claim.status, phase: 'Lost' } });
        this.recorder.event(claim, plan.event.type, plan.event.reason, plan.event.message);
        return;
    }
  }

  /** Create the claim's local-path volume (or take the one a previous attempt made). */
  private async provision(claim: PersistentVolumeClaim, node: string, storageClass: StorageClass): Promise<PersistentVolume> {
    const want = provisionedVolume(claim, { node, dataDir: this.dataDir, storageClass });
    try {
      const made = await this.volumeClient.create(want);
      this.log.info({ component: this.name, key: claimKey(claim.metadata.namespace, claim.metadata.name) }, `provisioned volume ${made.metadata.name} on node ${node}`);
      this.provisionerRecorder.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${made.metadata.name}`);
      return made;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      return this.volumeClient.get(want.metadata.name!);
    }
  }

  /** bind(): the volume's claimRef and phase Bound, then the claim's volumeName, annotations and status. */
  private async bind(key: string, claim: PersistentVolumeClaim, volume: PersistentVolume): Promise<void> {
    let v = volume;
    const withRef = volumeBoundTo(v, claim);
    if (withRef !== v) v = await this.volumeClient.update(withRef);
    if (v.status?.phase !== 'Bound') v = await this.volumeClient.updateStatus({ ...v, status: { ...v.status, phase: 'Bound' } });
    let c = claim;
    const withName = claimBoundTo(c, v);
    if (!deepEqual(withName, c)) c = await this.claimClient.update(withName);
    const status = claimBoundStatus(c, v);
    if (!deepEqual(status, c.status ?? {})) c = await this.claimClient.updateStatus({ ...c, status });
    this.writes.record(key, [
      { name: `pv:${v.metadata.name}`, resourceVersion: v.metadata.resourceVersion },
      { name: `pvc:${c.metadata.name}`, resourceVersion: c.metadata.resourceVersion },
    ]);
    if (c !== claim) this.log.info({ component: this.name, key }, `bound to volume ${v.metadata.name}`);
  }

  private async syncVolume(name: string): Promise<ReconcileResult | void> {
    const volume = this.volumes.lister.get(undefined, name);
    if (!volume) return;
    const ref = volume.spec.claimRef;
    let claim: PersistentVolumeClaim | undefined;
    if (ref?.uid) {
      claim = this.claims.lister.get(ref.namespace, ref.name!);
      // The cache may lag a claim just made: ask the apiserver before releasing anything.
      if (!claim || claim.metadata.uid !== ref.uid) claim = await this.claimClient.get(ref.name!, { namespace: ref.namespace }).catch((err) => (isNotFound(err) ? undefined : Promise.reject(err)));
    }
    const action = volumeAction(volume, claim);
    const log = { component: this.name, key: volumeKey(name) };
    switch (action.type) {
      case 'none':
        return;
      case 'phase': {
        const status = { ...volume.status, phase: action.phase, ...(action.message ? { reason: action.reason, message: action.message } : {}) };
        await this.volumeClient.updateStatus({ ...volume, status });
        if (action.phase === 'Failed') this.recorder.event(volume, 'Warning', action.reason!, action.message!);
        if (action.phase === 'Released') this.log.info(log, 'released');
        return;
      }
      case 'sync-claim':
        this.enqueue(claimKey(ref!.namespace, ref!.name));
        return;
      case 'unbind':
        await this.volumeClient.update(volumeUnbound(volume));
        return;
      case 'delete':
        // local-path-provisioner also removes the directory with a helper pod; we leave it on disk.
        await this.volumeClient.delete(name, { preconditions: { uid: volume.metadata.uid } }).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
        this.log.info(log, 'deleted (reclaim policy Delete)');
        return;
    }
  }

  private enqueueUnboundClaims(): void {
    for (const c of this.claims.lister.list()) if (!c.spec.volumeName) this.enqueue(claimKey(c.metadata.namespace, c.metadata.name));
  }
}

