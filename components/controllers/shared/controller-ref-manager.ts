// Adoption and release of dependents by a controller (upstream's BaseControllerRefManager.ClaimObject,
// used by PodControllerRefManager and ReplicaSetControllerRefManager). The decision is pure
// (planClaims); claimObjects applies it with patches.
import { isNotFound } from '../../client/transport.js';
import type { LabelMatcher } from './label-selector.js';
import { adoptPatch, controllerRefOf, releasePatch } from './owner-references.js';
import type { Obj, OwnerReference } from './workload-types.js';

export interface ClaimPlan<T extends Obj> {
  /** Controlled by the owner and still matching. */
  owned: T[];
  /** Orphans that match: to adopt. */
  adopt: T[];
  /** Controlled by the owner but no longer matching: to release. */
  release: T[];
}

/**
 * Which candidates the owner keeps, adopts and releases. Objects controlled by someone else are
 * ignored; an owner being deleted neither adopts nor releases; objects being deleted are not adopted.
 */
export function planClaims<T extends Obj>(owner: Obj, matches: LabelMatcher, candidates: T[]): ClaimPlan<T> {
  const plan: ClaimPlan<T> = { owned: [], adopt: [], release: [] };
  const ownerUid = owner.metadata?.uid;
  const ownerDeleting = !!owner.metadata?.deletionTimestamp;
  for (const obj of candidates) {
    const ref = controllerRefOf(obj);
    const match = matches(obj.metadata?.labels);
    if (ref) {
      if (ref.uid !== ownerUid) continue;
      if (match) plan.owned.push(obj);
      else if (!ownerDeleting) plan.release.push(obj);
    } else if (match && !ownerDeleting && !obj.metadata?.deletionTimestamp) {
      plan.adopt.push(obj);
    }
  }
  return plan;
}

export interface ClaimIO<T extends Obj> {
  ownerRef: OwnerReference;
  /** A fresh (uncached) check that the owner still exists with its uid and is not being deleted. */
  canAdopt(): Promise<boolean>;
  /** A strategic merge patch of one dependent. */
  patch(obj: T, patch: unknown): Promise<T>;
}

/** Applies planClaims; returns the dependents the owner now controls. Missing dependents are skipped. */
export async function claimObjects<T extends Obj>(owner: Obj, matches: LabelMatcher, candidates: T[], io: ClaimIO<T>): Promise<T[]> {
  const plan = planClaims(owner, matches, candidates);
  const claimed = [...plan.owned];
  if (plan.adopt.length > 0 && (await io.canAdopt())) {
    for (const obj of plan.adopt) {
      try {
        claimed.push(await io.patch(obj, adoptPatch(io.ownerRef, obj.metadata!.uid!)));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }
  for (const obj of plan.release) {
    try {
      await io.patch(obj, releasePatch(owner.metadata!.uid!, obj.metadata!.uid!));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return claimed;
}
