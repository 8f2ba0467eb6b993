// What a claim needs next (mirrors syncClaim: syncUnboundClaim / syncBoundClaim of
// pkg/controller/volume/persistentvolume, with local-path-provisioner's Provision folded in): a pure
// function of the claim and the caches.
import type { Node, Pod } from '../support/api-types.js';
import { claimClassName, consumerNode, findMatchingVolume, isVolumeBoundToClaim, pickNode } from './claim-matching.js';
import { isLocalPathClass } from './local-path.js';
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from './volume-types.js';

export interface PlanEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export type ClaimPlan =
  | { type: 'none' }
  /** Write the default class into a claim that names none (RetroactiveDefaultStorageClass). */
  | { type: 'assign-class'; className: string }
  /** Bind claim and volume (either half may be done already). */
  | { type: 'bind'; volume: PersistentVolume }
  /** Make a local-path volume on `node`, pre-bound to the claim; binding follows. */
  | { type: 'provision'; node: string; storageClass: StorageClass }
  /** Stay (or become) Pending; `retry` when only time helps (no node yet). */
  | { type: 'pending'; event?: PlanEvent; retry?: boolean }
  /** The bound volume is gone (ClaimLost). */
  | { type: 'lost'; event: PlanEvent };

export interface ClaimWorld {
  volumes: readonly PersistentVolume[];
  classes: readonly StorageClass[];
  pods: readonly Pod[];
  nodes: readonly Node[];
  /** The apiserver refused to write the default class into this claim: use it without writing, binding at once. */
  classAssignmentRefused?: boolean;
}

export const WAIT_FOR_FIRST_CONSUMER_MESSAGE = 'waiting for first consumer to be created before binding';

export function planClaim(claim: PersistentVolumeClaim, w: ClaimWorld): ClaimPlan {
  if (claim.spec.volumeName) return planBoundClaim(claim, w.volumes);
  if (claim.metadata.deletionTimestamp) return { type: 'none' };

  const cls = claimClassName(claim, w.classes);
  if (cls.assigned && !w.classAssignmentRefused) return { type: 'assign-class', className: cls.name };
  const sc = cls.name ? w.classes.find((c) => c.metadata.name === cls.name) : undefined;
  // A claim with no class on the wire is Immediate to the scheduler, whatever the default says.
  const delay = !cls.assigned && sc?.volumeBindingMode === 'WaitForFirstConsumer';
  const nodeName = consumerNode(claim, w.pods);
  const node = delay && nodeName ? w.nodes.find((n) => n.metadata.name === nodeName) : undefined;

  const volume = findMatchingVolume(claim, w.volumes, { className: cls.name, delayBinding: delay, node });
  if (volume) return { type: 'bind', volume };
  if (!cls.name) return pending('Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
  if (!sc) return pending('Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${cls.name}" not found`);
  if (!isLocalPathClass(sc)) {
    return pending(
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
  }
  if (delay && !nodeName) return pending('Normal', 'WaitForFirstConsumer', WAIT_FOR_FIRST_CONSUMER_MESSAGE);
  const target = nodeName ?? pickNode(w.nodes);
  if (!target) return { type: 'pending', event: { type: 'Warning', reason: 'ProvisioningFailed', message: 'configuration error, no node was specified' }, retry: true };
  return { type: 'provision', node: target, storageClass: sc };
}

/** syncBoundClaim: finish binding to the named volume, or report it lost or taken. */
function planBoundClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[]): ClaimPlan {
  const volume = volumes.find((v) => v.metadata.name === claim.spec.volumeName);
  if (!volume) {
    if (claim.status?.phase === 'Bound' || claim.status?.phase === 'Lost') {
      return { type: 'lost', event: { type: 'Warning', reason: 'ClaimLost', message: 'Bound claim has lost its PersistentVolume. Data on the volume is lost!' } };
    }
    return { type: 'pending' };
  }
  if (!volume.spec.claimRef || isVolumeBoundToClaim(volume, claim)) return { type: 'bind', volume };
  return pending('Warning', 'FailedBinding', `volume "${volume.metadata.name}" already bound to a different claim.`);
}

const pending = (type: 'Normal' | 'Warning', reason: string, message: string): ClaimPlan => ({ type: 'pending', event: { type, reason, message } });
