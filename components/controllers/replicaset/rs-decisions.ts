// The ReplicaSet controller's pure decisions (upstream's manageReplicas diff and calculateStatus in
// replica_set.go / replica_set_utils.go), shared with ReplicationControllers.
import { isPodAvailable, isPodReady } from '../shared/pod-state.js';
import { metaTime, type Pod, type ReplicaSet, type ReplicaSetStatus, type WorkloadCondition } from '../shared/workload-types.js';

/** upstream's burstReplicas: at most this many creates or deletes per sync. */
export const BURST_REPLICAS = 500;

export type ReplicaAction = { create: number } | { delete: number } | undefined;

/** How many pods to create or delete so `active` becomes `desired`, capped at BURST_REPLICAS. */
export function replicaAction(active: number, desired: number): ReplicaAction {
  const diff = active - desired;
  if (diff < 0) return { create: Math.min(-diff, BURST_REPLICAS) };
  if (diff > 0) return { delete: Math.min(diff, BURST_REPLICAS) };
  return undefined;
}

/** Every template label is on the pod with the same value. */
export function isFullyLabeled(pod: Pod, templateLabels: Record<string, string> | undefined): boolean {
  const labels = pod.metadata?.labels;
  for (const k in templateLabels) if (labels?.[k] !== templateLabels[k]) return false;
  return true;
}

export interface StatusInput {
  rs: ReplicaSet;
  /** The active pods the ReplicaSet controls. */
  pods: Pod[];
  /** The error of this sync's creates or deletes, if any. */
  manageError?: Error;
  now: number;
}

/**
 * The status a sync writes: counts from `pods`, observedGeneration, and the ReplicaFailure
 * condition (reason FailedCreate / FailedDelete, message the error's) added on a failed sync and
 * removed by a successful one.
 */
export function calculateReplicaSetStatus({ rs, pods, manageError, now }: StatusInput): ReplicaSetStatus {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  const templateLabels = rs.spec?.template?.metadata?.labels;
  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: pods.filter((p) => isFullyLabeled(p, templateLabels)).length,
    readyReplicas: pods.filter(isPodReady).length,
    availableReplicas: pods.filter((p) => isPodAvailable(p, minReady, now)).length,
    observedGeneration: rs.metadata?.generation ?? rs.status?.observedGeneration,
  };
  let conditions: WorkloadCondition[] = [...(rs.status?.conditions ?? [])];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageError && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions.push({ type: 'ReplicaFailure', status: 'True', lastTransitionTime: metaTime(now), reason, message: manageError.message });
  } else if (!manageError && failure) {
    conditions = conditions.filter((c) => c !== failure);
  }
  if (conditions.length > 0) status.conditions = conditions;
  return status;
}

/** Whether a status write is needed (upstream compares these fields and observedGeneration). */
export function statusDiffers(a: ReplicaSetStatus | undefined, b: ReplicaSetStatus): boolean {
  const norm = (s: ReplicaSetStatus | undefined) =>
    JSON.stringify([s?.replicas ?? 0, s?.fullyLabeledReplicas ?? 0, s?.readyReplicas ?? 0, s?.availableReplicas ?? 0, s?.observedGeneration ?? 0, s?.conditions ?? []]);
  return norm(a) !== norm(b);
}

/**
 * When to look again for availability: pods Ready but not yet Ready for minReadySeconds make the
 * ReplicaSet sync again after minReadySeconds (upstream's enqueueAfter on status update).
 */
export function availabilityRecheckMs(rs: ReplicaSet, status: ReplicaSetStatus): number | undefined {
  const minReady = rs.spec?.minReadySeconds ?? 0;
  if (minReady <= 0) return undefined;
  if ((status.readyReplicas ?? 0) === (rs.spec?.replicas ?? 1) && (status.availableReplicas ?? 0) !== (rs.spec?.replicas ?? 1)) return minReady * 1000;
  if ((status.readyReplicas ?? 0) > (status.availableReplicas ?? 0)) return minReady * 1000;
  return undefined;
}

/** The pod a ReplicaSet creates from its template (upstream's GetPodFromTemplate). */
export function podFromTemplate(rs: ReplicaSet, controllerRef: NonNullable<Pod['metadata']>['ownerReferences']): Pod {
  const t = rs.spec?.template ?? {};
  const meta = t.metadata ?? {};
  const metadata: Pod['metadata'] = { generateName: `${rs.metadata!.name}-`, namespace: rs.metadata!.namespace, ownerReferences: controllerRef };
  if (meta.labels) metadata.labels = { ...meta.labels };
  if (meta.annotations) metadata.annotations = { ...meta.annotations };
  if (meta.finalizers) metadata.finalizers = [...meta.finalizers];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(t.spec ?? {}) as Pod['spec'] };
}
