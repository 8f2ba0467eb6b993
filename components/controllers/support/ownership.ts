// Controller references (metav1.NewControllerRef, metav1.GetControllerOf).
import type { Meta, OwnerReference } from './api-types.js';

export function controllerRef(owner: { metadata?: Meta }, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

export function controllerOf(obj: { metadata?: Meta }): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller);
}

export function isControlledBy(obj: { metadata?: Meta }, ownerUid: string | undefined): boolean {
  return !!ownerUid && controllerOf(obj)?.uid === ownerUid;
}
