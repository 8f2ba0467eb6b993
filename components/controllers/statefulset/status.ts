// A StatefulSet's status from its pods (upstream's computeReplicaStatus, updateStatus,
// completeRollingUpdate and inconsistentStatus). Pure.
import { isRunningAndAvailable, isRunningAndReady, isTerminating } from '../workload-common/pod-state.js';
import type { Pod, StatefulSet, StatefulSetStatus } from '../workload-common/types.js';
import { ordinalOf, revisionOf } from './pod-identity.js';

export interface StatusInput {
  set: StatefulSet;
  pods: readonly Pod[];
  currentRevision: string;
  updateRevision: string;
  collisionCount: number;
  /** Pods this sync deleted to update them: no longer counted as current (status.CurrentReplicas--). */
  deletedForUpdate: number;
  nowMs: number;
}

export function computeStatus(input: StatusInput): StatefulSetStatus {
  const { set, currentRevision, updateRevision } = input;
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata?.generation,
    replicas: 0,
    readyReplicas: 0,
    currentReplicas: 0,
    updatedReplicas: 0,
    availableReplicas: 0,
    currentRevision,
    updateRevision,
    collisionCount: input.collisionCount,
  };
  for (const pod of input.pods) {
    if (ordinalOf(pod) < 0) continue;
    status.replicas++;
    if (isRunningAndReady(pod)) {
      status.readyReplicas!++;
      if (isRunningAndAvailable(pod, set.spec?.minReadySeconds, input.nowMs)) status.availableReplicas!++;
    }
    if (!isTerminating(pod)) {
      const revision = revisionOf(pod);
      if (revision === currentRevision) status.currentReplicas!++;
      if (revision === updateRevision) status.updatedReplicas!++;
    }
  }
  status.currentReplicas! -= input.deletedForUpdate;
  // completeRollingUpdate: once every pod is updated and ready, the update revision becomes current.
  if (set.spec?.updateStrategy?.type !== 'OnDelete' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
  if (set.status?.conditions) status.conditions = set.status.conditions;
  return status;
}

/** inconsistentStatus: whether the computed status differs from the set's (then it is written). */
export function statusChanged(set: StatefulSet, next: StatefulSetStatus): boolean {
  const cur = set.status;
  if (!cur) return true;
  const keys: Array<keyof StatefulSetStatus> = [
    'observedGeneration',
    'replicas',
    'readyReplicas',
    'currentReplicas',
    'updatedReplicas',
    'availableReplicas',
    'currentRevision',
    'updateRevision',
    'collisionCount',
  ];
  return keys.some((k) => (cur[k] ?? 0) !== (next[k] ?? 0));
}
