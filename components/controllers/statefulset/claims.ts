// A StatefulSet pod's PersistentVolumeClaims: created from the volumeClaimTemplates before the pod
// (createPersistentVolumeClaims), and owned as persistentVolumeClaimRetentionPolicy says
// (updateClaimOwnerRefForSetAndPod): whenDeleted=Delete makes the set an owner, whenScaled=Delete
// makes a scaled-down pod the owner, so the garbage collector removes the claim with its owner.
import type { ResourceClient } from '../../client/client.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Lister } from '../../client/store.js';
import { isAlreadyExists } from '../../client/transport.js';
import type { OwnerReference, PersistentVolumeClaim, Pod, StatefulSet } from '../workload-common/types.js';
import { claimsFor, inOrdinalRange, ordinalOf } from './pod-identity.js';

/** The owner references `claim` should carry for `pod` of `set` (pure; other owners are kept). */
export function desiredClaimOwners(set: StatefulSet, pod: Pod, claim: PersistentVolumeClaim): OwnerReference[] {
  const policy = set.spec?.persistentVolumeClaimRetentionPolicy ?? {};
  const scaledDown = !inOrdinalRange(set, ordinalOf(pod));
  const setUid = set.metadata?.uid;
  const podUid = pod.metadata?.uid;
  const refs = (claim.metadata?.ownerReferences ?? []).filter((r) => r.uid !== setUid && r.uid !== podUid);
  if (policy.whenDeleted === 'Delete' && !(policy.whenScaled === 'Delete' && scaledDown) && setUid) {
    refs.push({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: set.metadata!.name!, uid: setUid });
  }
  if (policy.whenScaled === 'Delete' && scaledDown && podUid) refs.push({ apiVersion: 'v1', kind: 'Pod', name: pod.metadata!.name!, uid: podUid });
  return refs;
}

/** isStale: a claim still owned by another (scaled-down) incarnation of the pod must go first. */
export function claimIsStale(claim: PersistentVolumeClaim, podUid: string | undefined): boolean {
  return (claim.metadata?.ownerReferences ?? []).some((r) => r.kind === 'Pod' && r.uid !== podUid);
}

const sameRefs = (a: readonly OwnerReference[], b: readonly OwnerReference[]) =>
  a.length === b.length && a.every((r) => b.some((s) => s.uid === r.uid && s.kind === r.kind && s.name === r.name));

export interface ClaimIO {
  claims: ResourceClient<PersistentVolumeClaim>;
  lister: Lister<PersistentVolumeClaim>;
  recorder: EventRecorder;
}

/** True when a claim the pod needs is still owned by a previous incarnation (PodClaimIsStale). */
export function podClaimIsStale(set: StatefulSet, ordinal: number, lister: Lister<PersistentVolumeClaim>): boolean {
  for (const claim of claimsFor(set, ordinal).values()) {
    const cached = lister.get(claim.metadata!.namespace, claim.metadata!.name!);
    if (cached && claimIsStale(cached, undefined)) return true;
  }
  return false;
}

/** Creates the pod's missing claims and fixes the owner references of existing ones. */
export async function syncPodClaims(set: StatefulSet, pod: Pod, io: ClaimIO): Promise<void> {
  const namespace = set.metadata!.namespace!;
  for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
    const name = claim.metadata!.name!;
    const cached = io.lister.get(namespace, name);
    if (!cached) {
      const owners = desiredClaimOwners(set, pod, claim);
      const body: PersistentVolumeClaim = { ...claim, metadata: { ...claim.metadata, ...(owners.length ? { ownerReferences: owners } : {}) } };
      try {
        await io.claims.create(body, { namespace });
        io.recorder.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${name} Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} success`);
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        io.recorder.event(set, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${pod.metadata?.name} in StatefulSet ${set.metadata?.name} failed error: ${(err as Error).message}`);
        throw err;
      }
      continue;
    }
    if (cached.metadata?.deletionTimestamp) throw new Error(`pvc ${name} is being deleted`);
    if (!pod.metadata?.uid) continue;
    const owners = desiredClaimOwners(set, pod, cached);
    if (sameRefs(owners, cached.metadata?.ownerReferences ?? [])) continue;
    await io.claims.patch(name, { metadata: { ownerReferences: owners, resourceVersion: cached.metadata?.resourceVersion } }, { namespace, type: 'merge' });
  }
}
