// Adoption and release of dependents (upstream's BaseControllerRefManager.ClaimObject as used by
// ClaimPods and ClaimControllerRevisions): an orphan that matches is adopted, a dependent that no
// longer matches is released, objects controlled by someone else are left alone. The plan is pure;
// claimObjects applies it with strategic merge patches carrying the dependent's uid (so a re-created
// object is never touched).
import { isNotFound } from '../../client/transport.js';
import type { Obj, OwnerReference } from './types.js';

export interface ClaimPlan<T extends Obj> {
  /** Controlled by the owner and still matching. */
  owned: T[];
  /** Orphans that match: to adopt (unless the owner is being deleted). */
  adopt: T[];
  /** Controlled by the owner but no longer matching: to release. */
  release: T[];
}

export function controllerRefOf(obj: Obj): OwnerReference | undefined {
  return obj.metadata?.ownerReferences?.find((r) => r.controller === true);
}

/** metav1.NewControllerRef: controller and blocking the owner's foreground deletion. */
export function newControllerRef(owner: Obj, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata!.name!, uid: owner.metadata!.uid!, controller: true, blockOwnerDeletion: true };
}

export function planClaims<T extends Obj>(owner: Obj, matches: (obj: T) => boolean, candidates: readonly T[]): ClaimPlan<T> {
  const plan: ClaimPlan<T> = { owned: [], adopt: [], release: [] };
  const ownerDeleting = !!owner.metadata?.deletionTimestamp;
  for (const obj of candidates) {
    const ref = controllerRefOf(obj);
    if (ref) {
      if (ref.uid !== owner.metadata?.uid) continue;
      if (matches(obj)) plan.owned.push(obj);
      else if (!ownerDeleting) plan.release.push(obj);
    } else if (!ownerDeleting && !obj.metadata?.deletionTimestamp && matches(obj)) {
      plan.adopt.push(obj);
    }
  }
  return plan;
}

export interface ClaimIO<T extends Obj> {
  ownerRef: OwnerReference;
  /** A fresh (uncached) check that the owner still exists with its uid and is not being deleted. */
  canAdopt(): Promise<boolean>;
  /** A strategic merge patch of one dependent; resolves with the patched object. */
  patch(obj: T, patch: unknown): Promise<T>;
}

/** Applies planClaims; resolves with the dependents the owner now controls. Vanished dependents are skipped. */
export async function claimObjects<T extends Obj>(owner: Obj, matches: (obj: T) => boolean, candidates: readonly T[], io: ClaimIO<T>): Promise<T[]> {
  const plan = planClaims(owner, matches, candidates);
  const claimed = [...plan.owned];
  const ignoreGone = (err: unknown) => {
    if (!isNotFound(err)) throw err;
  };
  if (plan.adopt.length > 0 && (await io.canAdopt())) {
    for (const obj of plan.adopt) {
      const patch = { metadata: { ownerReferences: [io.ownerRef], uid: obj.metadata!.uid } };
      await io.patch(obj, patch).then((o) => claimed.push(o), ignoreGone);
    }
  }
  for (const obj of plan.release) {
    const patch = { metadata: { ownerReferences: [{ $patch: 'delete', uid: owner.metadata!.uid }], uid: obj.metadata!.uid } };
    await io.patch(obj, patch).then(() => undefined, ignoreGone);
  }
  return claimed;
}
