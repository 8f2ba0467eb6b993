// The scale targets of a rollout, as pure functions (upstream's rolling.go, recreate.go and
// NewRSNewReplicas / proportional scaling in sync.go). Each returns what to write; the caller writes.
import type { Deployment, ReplicaSet } from '../shared/workload-types.js';
import {
  activeReplicaSets,
  availableReplicas,
  byCreation,
  bySizeNewer,
  bySizeOlder,
  isRollingUpdate,
  maxReplicasAnnotation,
  maxSurge,
  maxUnavailable,
  replicasOf,
  resolveFenceposts,
  specReplicas,
} from './deployment-util.js';

export interface ScaleTarget {
  rs: ReplicaSet;
  replicas: number;
}

/**
 * The new ReplicaSet's size (NewRSNewReplicas): RollingUpdate grows it while the total stays within
 * replicas + maxSurge and it stays within replicas; Recreate goes straight to replicas.
 */
export function newReplicaSetReplicas(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet): number {
  const desired = replicasOf(d);
  if (!isRollingUpdate(d)) return desired;
  const current = replicasOf(newRS);
  const maxTotal = desired + resolveFenceposts(d).surge;
  const total = specReplicas(all);
  if (total >= maxTotal) return current;
  const scaleUp = Math.min(maxTotal - total, desired - current);
  return current + Math.max(0, scaleUp);
}

/**
 * How far to scale the old ReplicaSets down in one RollingUpdate step (reconcileOldReplicaSets):
 * first unhealthy replicas of old ReplicaSets (oldest first), bounded by what availability allows,
 * then available ones down to replicas - maxUnavailable. Returns only the ReplicaSets that change.
 */
export function oldReplicaSetsScaleDown(d: Deployment, olds: ReplicaSet[], newRS: ReplicaSet): ScaleTarget[] {
  const active = activeReplicaSets(olds);
  if (specReplicas(active) === 0) return [];
  const all = [...active, newRS];
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  const maxScaledDown = specReplicas(all) - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return [];
  const sizes = new Map(active.map((rs) => [rs, replicasOf(rs)]));
  const oldest = [...active].sort(byCreation);
  // 1. unhealthy replicas (spec - available) go first
  let cleaned = 0;
  for (const rs of oldest) {
    if (cleaned >= maxScaledDown) break;
    const size = sizes.get(rs)!;
    const available = rs.status?.availableReplicas ?? 0;
    if (size === 0 || size === available) continue;
    const n = Math.min(maxScaledDown - cleaned, size - available);
    sizes.set(rs, size - n);
    cleaned += n;
  }
  // 2. then available ones, as far as availability allows
  const availableNow = availableReplicas([...active, newRS]);
  if (availableNow > minAvailable) {
    const toScaleDown = availableNow - minAvailable;
    let scaled = 0;
    for (const rs of oldest) {
      if (scaled >= toScaleDown) break;
      const size = sizes.get(rs)!;
      if (size === 0) continue;
      const n = Math.min(size, toScaleDown - scaled);
      sizes.set(rs, size - n);
      scaled += n;
    }
  }
  return oldest.filter((rs) => sizes.get(rs) !== replicasOf(rs)).map((rs) => ({ rs, replicas: sizes.get(rs)! }));
}

/** The change of one ReplicaSet's size in a proportional scale (GetProportion / getReplicaSetFraction). */
function proportion(d: Deployment, rs: ReplicaSet, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -replicasOf(rs);
  else {
    const deploymentReplicas = replicasOf(d) + maxSurge(d);
    const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
    fraction = annotated === 0 ? 0 : Math.round((replicasOf(rs) * deploymentReplicas) / annotated) - replicasOf(rs);
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/**
 * Scaling a Deployment in the middle of a RollingUpdate (DeploymentController.scale): the replicas
 * to add or remove are shared among the active ReplicaSets in proportion to their size, leftovers to
 * the largest. Returns every active ReplicaSet with its target and the scaling direction.
 */
export function proportionalScale(d: Deployment, active: ReplicaSet[]): { targets: ScaleTarget[]; operation: 'up' | 'down' | '' } {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  const operation = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  const sorted = [...active].sort(toAdd > 0 ? bySizeNewer : bySizeOlder);
  let added = 0;
  const sizes = sorted.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const p = proportion(d, rs, toAdd, added);
    added += p;
    return replicasOf(rs) + p;
  });
  if (toAdd !== 0 && sizes.length > 0) sizes[0] = Math.max(0, sizes[0]! + toAdd - added);
  return { targets: sorted.map((rs, i) => ({ rs, replicas: sizes[i]! })), operation };
}
