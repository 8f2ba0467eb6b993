// What one StatefulSet sync does, decided from a snapshot (upstream's updateStatefulSet in
// stateful_set_control.go), as an ordered list of actions the shell carries out in order, stopping
// at the first failure. Pure.
// - Pods are split into replicas (ordinals in [start, start+replicas)) and condemned (other valid
//   ordinals, highest first); missing replicas are created at the current revision below the
//   partition and at the update revision otherwise.
// - OrderedReady ("monotonic"): a replica is created only when every lower one is Running and Ready
//   (and available), one at a time; condemned pods are deleted highest first, one at a time, only
//   while every replica is healthy (the first unhealthy pod may go). Parallel: no waiting.
// - RollingUpdate: once all replicas are in place, the highest ordinal ≥ partition whose revision is
//   not the update revision is deleted (it comes back at the update revision), one at a time, each
//   waiting for the pods above it to be healthy. OnDelete: nothing is replaced.
import { isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating } from '../workload-common/pod-state.js';
import type { Pod, StatefulSet } from '../workload-common/types.js';
import { identityMatches, ordinalOf, replicasOf, revisionOf, startOrdinal, storageMatches } from './pod-identity.js';

export type SyncAction =
  | { kind: 'create'; ordinal: number; revision: 'current' | 'update' }
  | { kind: 'delete'; pod: Pod; why: 'finished' | 'condemned' | 'update' }
  | { kind: 'updateIdentity'; pod: Pod }
  /** Make the pod's claims exist and carry the owner references the retention policy asks for. */
  | { kind: 'syncClaims'; pod: Pod };

export interface SyncInput {
  set: StatefulSet;
  /** The pods the set controls. */
  pods: readonly Pod[];
  updateRevision: string;
  nowMs: number;
}

export interface SyncPlan {
  actions: SyncAction[];
  /** Why the plan stops where it does (logs, tests); undefined when it ran to the end. */
  waitingFor?: string;
}

export const isMonotonic = (set: StatefulSet): boolean => set.spec?.podManagementPolicy !== 'Parallel';

/** The revision a new pod of `ordinal` is created at (newVersionedStatefulSetPod). */
export function revisionForNewPod(set: StatefulSet, ordinal: number): 'current' | 'update' {
  const rolling = set.spec?.updateStrategy?.rollingUpdate;
  return rolling && ordinal < startOrdinal(set) + (rolling.partition ?? 0) ? 'current' : 'update';
}

export function planSync(input: SyncInput): SyncPlan {
  const { set, nowMs } = input;
  const start = startOrdinal(set);
  const count = replicasOf(set);
  const minReady = set.spec?.minReadySeconds;
  const replicas: Array<Pod | undefined> = new Array(Math.max(0, count)).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of input.pods) {
    const ord = ordinalOf(pod);
    if (ord < 0) continue;
    if (ord >= start && ord < start + count) replicas[ord - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a));
  const firstUnhealthy: Pod | 'missing' | undefined =
    replicas.some((p) => !p || !isHealthy(p)) ? (replicas.find((p) => !p || !isHealthy(p)) ?? 'missing') : [...condemned].reverse().find((p) => !isHealthy(p));

  const actions: SyncAction[] = [];
  if (set.metadata?.deletionTimestamp) return { actions, waitingFor: 'the StatefulSet is being deleted' };
  const monotonic = isMonotonic(set);
  const hasClaims = (set.spec?.volumeClaimTemplates ?? []).length > 0;
  const stop = (why: string): SyncPlan => ({ actions, waitingFor: why });

  for (let i = 0; i < replicas.length; i++) {
    const pod = replicas[i];
    const ordinal = start + i;
    if (!pod) {
      actions.push({ kind: 'create', ordinal, revision: revisionForNewPod(set, ordinal) });
      if (monotonic) return stop(`pod ordinal ${ordinal} to be created and become Ready`);
      continue;
    }
    const name = pod.metadata?.name;
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!isTerminating(pod)) actions.push({ kind: 'delete', pod, why: 'finished' });
      if (monotonic) return stop(`${name} to be recreated`);
      continue;
    }
    if (hasClaims && isPending(pod)) actions.push({ kind: 'syncClaims', pod });
    if (monotonic && isTerminating(pod)) return stop(`${name} to finish terminating`);
    if (monotonic && !isRunningAndReady(pod)) return stop(`${name} to be Running and Ready`);
    if (monotonic && !isRunningAndAvailable(pod, minReady, nowMs)) return stop(`${name} to be available`);
    if (hasClaims && !isPending(pod)) actions.push({ kind: 'syncClaims', pod });
    if (!identityMatches(set, pod) || !storageMatches(set, pod)) actions.push({ kind: 'updateIdentity', pod });
  }

  if (hasClaims) for (const pod of condemned) actions.push({ kind: 'syncClaims', pod });

  for (const pod of condemned) {
    const name = pod.metadata?.name;
    if (isTerminating(pod)) {
      if (monotonic) return stop(`${name} to finish terminating`);
      continue;
    }
    const isFirstUnhealthy = pod === firstUnhealthy;
    if (monotonic && !isFirstUnhealthy && !isRunningAndReady(pod)) return stop(`${name} to be Running and Ready before scaling down`);
    if (monotonic && !isFirstUnhealthy && !isRunningAndAvailable(pod, minReady, nowMs)) return stop(`${name} to be available before scaling down`);
    actions.push({ kind: 'delete', pod, why: 'condemned' });
    if (monotonic) return stop(`${name} to be deleted`);
  }

  if (set.spec?.updateStrategy?.type === 'OnDelete') return { actions };
  const partition = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
  for (let target = replicas.length - 1; target >= partition; target--) {
    const pod = replicas[target];
    if (!pod) return stop(`ordinal ${start + target} to be created`);
    if (revisionOf(pod) !== input.updateRevision && !isTerminating(pod)) {
      actions.push({ kind: 'delete', pod, why: 'update' });
      return stop(`${pod.metadata?.name} to come back at the update revision`);
    }
    if (!isHealthy(pod)) return stop(`${pod.metadata?.name} to be healthy before updating the next pod`);
  }
  return { actions };
}
