// Owner references as the workload controllers and the garbage collector use them
// (metav1.GetControllerOf, NewControllerRef, and the patches of PodControllerRefManager).
import type { Obj, OwnerReference } from './workload-types.js';

/** The reference marked controller: true, if any. */
export function controllerRefOf(obj: Obj): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** A controller reference to `owner`, blocking its foreground deletion (as NewControllerRef). */
export function newControllerRef(owner: Obj, gvk: { apiVersion: string; kind: string }): OwnerReference {
  return { apiVersion: gvk.apiVersion, kind: gvk.kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

/** Strategic merge patch adding a controller reference; the uid makes it fail on a re-created object. */
export function adoptPatch(ref: OwnerReference, dependentUid: string): unknown {
  return { metadata: { ownerReferences: [ref], uid: dependentUid } };
}

/** Strategic merge patch removing the reference to `ownerUid` (ownerReferences merge on uid). */
export function releasePatch(ownerUid: string, dependentUid: string): unknown {
  return { metadata: { ownerReferences: [{ $patch: 'delete', uid: ownerUid }], uid: dependentUid } };
}
