// A Deployment's status and conditions as pure functions (upstream's calculateStatus,
// syncRolloutStatus, checkPausedConditions and the progress helpers in deployment_util.go).
import { metaTime, timeMs, type Deployment, type DeploymentStatus, type ReplicaSet, type WorkloadCondition } from '../shared/workload-types.js';
import { actualReplicas, availableReplicas, hasProgressDeadline, maxUnavailable, readyReplicas, replicasOf, specReplicas } from './deployment-util.js';

export const REASON = {
  newRSCreated: 'NewReplicaSetCreated',
  foundNewRS: 'FoundNewReplicaSet',
  rsUpdated: 'ReplicaSetUpdated',
  newRSAvailable: 'NewReplicaSetAvailable',
  timedOut: 'ProgressDeadlineExceeded',
  paused: 'DeploymentPaused',
  resumed: 'DeploymentResumed',
  failedRSCreate: 'ReplicaSetCreateError',
  minAvailable: 'MinimumReplicasAvailable',
  minUnavailable: 'MinimumReplicasUnavailable',
} as const;

export function condition(type: string, status: WorkloadCondition['status'], reason: string, message: string, now: number): WorkloadCondition {
  const t = metaTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

export const getCondition = (s: DeploymentStatus | undefined, type: string) => s?.conditions?.find((c) => c.type === type);

/** SetDeploymentCondition: same status and reason changes nothing; same status keeps lastTransitionTime. */
export function setCondition(s: DeploymentStatus, c: WorkloadCondition): void {
  const current = getCondition(s, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  if (current && current.status === c.status) c = { ...c, lastTransitionTime: current.lastTransitionTime };
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  if (s.conditions) s.conditions = s.conditions.filter((c) => c.type !== type);
}

/** Counts over every ReplicaSet, and the Available condition (calculateStatus). */
export function calculateStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, now: number): DeploymentStatus {
  const available = availableReplicas(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation,
    replicas: actualReplicas(all),
    updatedReplicas: actualReplicas([newRS]),
    readyReplicas: readyReplicas(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicas(all) - available),
    conditions: structuredClone(d.status?.conditions ?? []),
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, condition('Available', 'True', REASON.minAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, condition('Available', 'False', REASON.minUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** Every replica updated and available, and the spec observed (DeploymentComplete). */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return s.updatedReplicas === want && s.replicas === want && s.availableReplicas === want && (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
}

/** Any step forward since the stored status (DeploymentProgressing). */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** No progress within progressDeadlineSeconds of the Progressing condition's lastUpdateTime (DeploymentTimedOut). */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === REASON.newRSAvailable) return false;
  if (c.reason === REASON.timedOut) return true;
  const from = timeMs(c.lastUpdateTime);
  return from !== undefined && from + d.spec!.progressDeadlineSeconds! * 1000 < now;
}

const named = (d: Deployment, rs: ReplicaSet | undefined) => (rs ? `ReplicaSet "${rs.metadata!.name}"` : `Deployment "${d.metadata!.name}"`);

/**
 * The status after a rollout step (syncRolloutStatus): counts, Available, Progressing (complete,
 * progressing or timed out) and ReplicaFailure copied from the ReplicaSets.
 */
export function rolloutStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, now: number): DeploymentStatus {
  const s = calculateStatus(d, all, newRS, now);
  if (!hasProgressDeadline(d)) removeCondition(s, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  const complete = s.replicas === s.updatedReplicas && current?.reason === REASON.newRSAvailable;
  if (hasProgressDeadline(d) && !complete) {
    if (deploymentComplete(d, s)) {
      setCondition(s, condition('Progressing', 'True', REASON.newRSAvailable, `${named(d, newRS)} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, s)) {
      const c = condition('Progressing', 'True', REASON.rsUpdated, `${named(d, newRS)} is progressing.`, now);
      // progress moves lastUpdateTime even when the reason stays the same
      if (current?.status === 'True') c.lastTransitionTime = current.lastTransitionTime;
      removeCondition(s, 'Progressing');
      setCondition(s, c);
    } else if (deploymentTimedOut(d, s, now)) {
      setCondition(s, condition('Progressing', 'False', REASON.timedOut, `${named(d, newRS)} has timed out progressing.`, now));
    }
  }
  const failure = [newRS, ...all].map((rs) => rs?.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True')).find(Boolean);
  if (failure) setCondition(s, { type: 'ReplicaFailure', status: failure.status, reason: failure.reason, message: failure.message, lastUpdateTime: metaTime(now), lastTransitionTime: failure.lastTransitionTime ?? metaTime(now) });
  else removeCondition(s, 'ReplicaFailure');
  return s;
}

/** When to look again for the progress deadline (requeueStuckDeployment); undefined for never. */
export function progressRecheckMs(d: Deployment, s: DeploymentStatus, now: number): number | undefined {
  const c = getCondition(s, 'Progressing');
  if (!hasProgressDeadline(d) || !c || deploymentComplete(d, s) || c.reason === REASON.timedOut) return undefined;
  const from = timeMs(c.lastUpdateTime);
  if (from === undefined) return undefined;
  const after = from + d.spec!.progressDeadlineSeconds! * 1000 - now;
  return after < 1000 ? 0 : after + 1000;
}

/** The Progressing condition for pause and resume (checkPausedConditions); undefined when nothing changes. */
export function pausedCondition(d: Deployment, now: number): WorkloadCondition | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const c = getCondition(d.status, 'Progressing');
  if (c?.reason === REASON.timedOut) return undefined;
  const pausedShown = c?.reason === REASON.paused;
  if (d.spec?.paused && !pausedShown) return condition('Progressing', 'Unknown', REASON.paused, 'Deployment is paused', now);
  if (!d.spec?.paused && pausedShown) return condition('Progressing', 'Unknown', REASON.resumed, 'Deployment is resumed', now);
  return undefined;
}

/** Status equality for "nothing to write" (reflect.DeepEqual of the statuses). */
export const sameStatus = (a: DeploymentStatus | undefined, b: DeploymentStatus) => JSON.stringify(normal(a ?? {})) === JSON.stringify(normal(b));
const normal = (s: DeploymentStatus) => ({
  observedGeneration: s.observedGeneration ?? 0,
  replicas: s.replicas ?? 0,
  updatedReplicas: s.updatedReplicas ?? 0,
  readyReplicas: s.readyReplicas ?? 0,
  availableReplicas: s.availableReplicas ?? 0,
  unavailableReplicas: s.unavailableReplicas ?? 0,
  collisionCount: s.collisionCount,
  conditions: (s.conditions ?? []).map((c) => [c.type, c.status, c.reason, c.message, c.lastUpdateTime, c.lastTransitionTime]),
});
