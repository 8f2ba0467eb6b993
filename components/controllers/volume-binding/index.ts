// The PersistentVolume binder with k3s's local-path provisioner built in. Run
// persistentVolumeBinderController() as `system:serviceaccount:kube-system:persistent-volume-binder`
// (groups system:serviceaccounts, system:serviceaccounts:kube-system), whose ClusterRole
// system:controller:persistent-volume-binder the bootstrap policy grants; creating the `local-path`
// StorageClass also needs `create` on storageclasses.storage.k8s.io, which that role lacks upstream.
import { PersistentVolumeBinderController, type PersistentVolumeBinderOptions } from './pv-binder-controller.js';

export { claimBoundStatus, claimBoundTo, claimIsBound, volumeAction, volumeBoundTo, volumeUnbound, type VolumeAction } from './binding.js';
export { claimClassName, claimsOfPod, consumerNode, defaultClass, findMatchingVolume, isDefaultClass, nodeAdmits, pickNode, type MatchOptions } from './claim-matching.js';
export { planClaim, WAIT_FOR_FIRST_CONSUMER_MESSAGE, type ClaimPlan, type ClaimWorld } from './claim-plan.js';
export { DEFAULT_DATA_DIR, localPathStorageClass, provisionedVolume, provisionedVolumeName } from './local-path.js';
export * from './volume-types.js';
export type { PersistentVolumeBinderOptions } from './pv-binder-controller.js';

export function persistentVolumeBinderController(o: PersistentVolumeBinderOptions = {}): PersistentVolumeBinderController {
  return new PersistentVolumeBinderController(o);
}
