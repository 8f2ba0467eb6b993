// The pure halves of binding and reclaiming (mirrors pkg/controller/volume/persistentvolume's
// bindVolumeToClaim, bindClaimToVolume, syncVolume and reclaimVolume): the objects to write, and what
// a volume needs given the claim it points to.
import { ANN_BIND_COMPLETED, ANN_BETA_STORAGE_PROVISIONER, ANN_BOUND_BY_CONTROLLER, ANN_PROVISIONED_BY, ANN_STORAGE_PROVISIONER, LOCAL_PATH_PROVISIONER, type PersistentVolume, type PersistentVolumeClaim } from './volume-types.js';

/** The volume with claimRef set to the claim (bound-by-controller when we set it, not a user). */
export function volumeBoundTo(volume: PersistentVolume, claim: PersistentVolumeClaim): PersistentVolume {
  const { namespace, name, uid, resourceVersion } = claim.metadata;
  const ref = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name, uid, resourceVersion };
  const old = volume.spec.claimRef;
  if (old && old.uid === uid && old.name === name && old.namespace === namespace) return volume;
  const annotations = { ...volume.metadata.annotations };
  if (!old) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
  return { ...volume, metadata: { ...volume.metadata, annotations }, spec: { ...volume.spec, claimRef: ref } };
}

/** The claim with spec.volumeName and the bind-completed / bound-by-controller annotations (and the provisioner's). */
export function claimBoundTo(claim: PersistentVolumeClaim, volume: PersistentVolume): PersistentVolumeClaim {
  const annotations: Record<string, string> = { ...claim.metadata.annotations, [ANN_BIND_COMPLETED]: 'yes' };
  if (claim.spec.volumeName !== volume.metadata.name) annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
  const provisioner = volume.metadata.annotations?.[ANN_PROVISIONED_BY];
  if (provisioner === LOCAL_PATH_PROVISIONER) {
    annotations[ANN_STORAGE_PROVISIONER] = provisioner;
    annotations[ANN_BETA_STORAGE_PROVISIONER] = provisioner;
  }
  return { ...claim, metadata: { ...claim.metadata, annotations }, spec: { ...claim.spec, volumeName: volume.metadata.name! } };
}

/** The claim's status once bound: phase Bound, the volume's capacity and access modes. */
export function claimBoundStatus(claim: PersistentVolumeClaim, volume: PersistentVolume): NonNullable<PersistentVolumeClaim['status']> {
  return { ...claim.status, phase: 'Bound', capacity: { ...volume.spec.capacity }, accessModes: [...(volume.spec.accessModes ?? [])] };
}

/** The claim is fully bound to the volume: nothing left to write on it. */
export function claimIsBound(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const a = claim.metadata.annotations ?? {};
  return claim.spec.volumeName === volume.metadata.name && a[ANN_BIND_COMPLETED] === 'yes' && claim.status?.phase === 'Bound';
}

export type VolumeAction =
  | { type: 'none' }
  /** Write status.phase (with reason/message for Failed). */
  | { type: 'phase'; phase: 'Available' | 'Bound' | 'Released' | 'Failed'; reason?: string; message?: string }
  /** The bound claim exists but has not caught up: sync the claim. */
  | { type: 'sync-claim' }
  /** Bound by us to a claim that took another volume: clear claimRef, Available again (unbindVolume). */
  | { type: 'unbind' }
  /** Released with reclaim policy Delete and provisioned by us: delete the PV object. */
  | { type: 'delete' };

/**
 * What a volume needs (syncVolume), given the claim its claimRef names as seen live (undefined when
 * gone). A claim that was deleted releases the volume: Retain leaves it Released; Delete deletes
 * volumes we provisioned and fails others (no deleter for them); Recycle is not supported.
 */
export function volumeAction(volume: PersistentVolume, claim: PersistentVolumeClaim | undefined): VolumeAction {
  const ref = volume.spec.claimRef;
  const phase = volume.status?.phase;
  const setPhase = (p: 'Available' | 'Bound' | 'Released'): VolumeAction => (phase === p ? { type: 'none' } : { type: 'phase', phase: p });
  if (!ref || !ref.uid) return setPhase('Available');
  if (!claim || claim.metadata.uid !== ref.uid) return reclaim(volume);
  if (claim.spec.volumeName === volume.metadata.name) return setPhase('Bound');
  if (!claim.spec.volumeName) return { type: 'sync-claim' };
  return volume.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER] === 'yes' ? { type: 'unbind' } : setPhase('Released');
}

function reclaim(volume: PersistentVolume): VolumeAction {
  const phase = volume.status?.phase;
  if (phase === 'Failed') return { type: 'none' };
  switch (volume.spec.persistentVolumeReclaimPolicy ?? 'Retain') {
    case 'Retain':
      return phase === 'Released' ? { type: 'none' } : { type: 'phase', phase: 'Released' };
    case 'Delete':
      if (volume.metadata.annotations?.[ANN_PROVISIONED_BY] === LOCAL_PATH_PROVISIONER) return { type: 'delete' };
      return { type: 'phase', phase: 'Failed', reason: 'VolumeFailedDelete', message: `error getting deleter volume plugin for volume "${volume.metadata.name}": no deletable volume plugin matched` };
    default:
      return { type: 'phase', phase: 'Failed', reason: 'VolumeFailedRecycle', message: 'No recycler plugin found for the volume!' };
  }
}

/** The volume with claimRef cleared and the bound-by-controller annotation dropped (unbindVolume). */
export function volumeUnbound(volume: PersistentVolume): PersistentVolume {
  const annotations = { ...volume.metadata.annotations };
  delete annotations[ANN_BOUND_BY_CONTROLLER];
  return { ...volume, metadata: { ...volume.metadata, annotations }, spec: { ...volume.spec, claimRef: null } };
}
