// The pure core of the Job controller (mirrors pkg/controller/job syncJob): count finished pods,
// decide whether the job completes or fails, and how many pods (which indexes) to create or delete.
import type { Condition, Pod } from '../support/api-types.js';
import { hasTrueCondition, setCondition } from '../support/conditions.js';
import { isPodActive, isPodReady } from '../support/pods.js';
import { metaTime, parseTime } from '../support/time.js';
import { formatIndexes, parseIndexes } from './indexes.js';
import type { Job, JobStatus } from './job-types.js';
import { matchPodFailurePolicy } from './pod-failure-policy.js';

export const TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
export const COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';
/** DefaultJobPodFailureBackOff and the cap of the exponential back-off between pod recreations. */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 360_000;

export interface JobEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
}

export interface JobPlan {
  status: JobStatus;
  /** Pods to create: one entry each, with its completion index in Indexed mode. */
  create: Array<{ index?: number }>;
  delete: Pod[];
  /** Finished pods counted in `status`: drop their tracking finalizer once it is written. */
  unfinalize: Pod[];
  events: JobEvent[];
  requeueAfterMs?: number;
}

export const podIndex = (p: Pod): number | undefined => {
  const v = p.metadata.annotations?.[COMPLETION_INDEX] ?? p.metadata.labels?.[COMPLETION_INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
};

/** A pod the job counts as failed: phase Failed, or deleted before it succeeded. */
const isFailed = (p: Pod) => p.status?.phase === 'Failed' || (!!p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded');
const isSucceeded = (p: Pod) => p.status?.phase === 'Succeeded';
const hasFinalizer = (p: Pod) => (p.metadata.finalizers ?? []).includes(TRACKING_FINALIZER);

export const isJobFinished = (job: Job) => hasTrueCondition(job.status?.conditions, 'Complete') || hasTrueCondition(job.status?.conditions, 'Failed');

/** When a pod finished: its containers' latest finishedAt, else its Ready transition, else its creation. */
function finishTime(p: Pod): number {
  const times = (p.status?.containerStatuses ?? []).map((c) => parseTime(c.state?.terminated?.finishedAt)).filter((t): t is number => t !== undefined);
  if (times.length) return Math.max(...times);
  return parseTime(p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime) ?? parseTime(p.metadata.deletionTimestamp) ?? parseTime(p.metadata.creationTimestamp) ?? 0;
}

/** The back-off before the next pod: 10 s doubling per failure since the last success, capped at 6 min. */
export function podBackoffRemaining(pods: readonly Pod[], now: number): number {
  const lastSuccess = Math.max(0, ...pods.filter(isSucceeded).map(finishTime));
  const failures = pods.filter((p) => isFailed(p) && finishTime(p) >= lastSuccess);
  if (failures.length === 0) return 0;
  const delay = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (failures.length - 1), MAX_POD_FAILURE_BACKOFF_MS);
  return Math.max(0, Math.max(...failures.map(finishTime)) + delay - now);
}

export function planJob(job: Job, pods: readonly Pod[], now: number): JobPlan {
  const nowIso = metaTime(now);
  const spec = job.spec;
  const status: JobStatus = { ...job.status };
  const plan: JobPlan = { status, create: [], delete: [], unfinalize: [], events: [] };
  const indexed = spec.completionMode === 'Indexed';
  const completions = spec.completions ?? undefined;

  // 1. Account finished pods still carrying our finalizer.
  const succeededIndexes = parseIndexes(status.completedIndexes);
  let failJob: { reason: string; message: string } | undefined;
  for (const p of pods) {
    if (!hasFinalizer(p)) continue;
    if (isSucceeded(p)) {
      const i = podIndex(p);
      if (indexed && i !== undefined) succeededIndexes.add(i);
      else if (!indexed) status.succeeded = (status.succeeded ?? 0) + 1;
      plan.unfinalize.push(p);
    } else if (isFailed(p)) {
      const match = matchPodFailurePolicy(spec.podFailurePolicy?.rules, p);
      if (match?.action === 'FailJob') failJob ??= { reason: 'PodFailurePolicy', message: match.message };
      if (match?.action !== 'Ignore') status.failed = (status.failed ?? 0) + 1;
      plan.unfinalize.push(p);
    }
  }
  if (indexed) {
    status.completedIndexes = formatIndexes([...succeededIndexes].filter((i) => completions === undefined || i < completions));
    status.succeeded = parseIndexes(status.completedIndexes).size;
  }
  status.uncountedTerminatedPods = {};
  const active = pods.filter(isPodActive);
  const finished = isJobFinished(job);
  if (finished) {
    status.active = 0;
    status.ready = 0;
    plan.unfinalize = pods.filter(hasFinalizer);
    return plan;
  }

  // 2. Suspended: no pods.
  if (spec.suspend) {
    plan.delete = active;
    if (!hasTrueCondition(status.conditions, 'Suspended')) {
      status.conditions = setCondition(status.conditions, { type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: nowIso }, nowIso);
      plan.events.push({ type: 'Normal', reason: 'Suspended', message: 'Job suspended' });
    }
    status.active = 0;
    status.ready = 0;
    return plan;
  }
  if (hasTrueCondition(status.conditions, 'Suspended')) {
    status.conditions = setCondition(status.conditions, { type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed', lastProbeTime: nowIso }, nowIso);
    status.startTime = nowIso;
    plan.events.push({ type: 'Normal', reason: 'Resumed', message: 'Job resumed' });
  }
  status.startTime ??= nowIso;

  // 3. Failure: backoff limit, deadline, podFailurePolicy.
  const start = parseTime(status.startTime) ?? now;
  const deadline = spec.activeDeadlineSeconds !== undefined ? start + spec.activeDeadlineSeconds * 1000 : undefined;
  if (!failJob && (status.failed ?? 0) > (spec.backoffLimit ?? 6)) failJob = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  if (!failJob && deadline !== undefined && now >= deadline) failJob = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  if (failJob) {
    plan.delete = active;
    finish(status, nowIso, 'FailureTarget', failJob);
    finish(status, nowIso, 'Failed', failJob);
    status.active = 0;
    status.ready = 0;
    plan.unfinalize = pods.filter(hasFinalizer);
    plan.events.push({ type: 'Warning', reason: failJob.reason, message: failJob.message });
    return plan;
  }

  // 4. Completion.
  const succeeded = status.succeeded ?? 0;
  const complete = completions === undefined ? succeeded > 0 && active.length === 0 : succeeded >= completions;
  if (complete) {
    plan.delete = active;
    const reason = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' };
    finish(status, nowIso, 'SuccessCriteriaMet', reason);
    finish(status, nowIso, 'Complete', reason);
    status.completionTime = nowIso;
    status.active = 0;
    status.ready = 0;
    plan.unfinalize = pods.filter(hasFinalizer);
    plan.events.push({ type: 'Normal', reason: 'Completed', message: 'Job completed' });
    return plan;
  }

  // 5. Pods to create or delete.
  const parallelism = spec.parallelism ?? 1;
  let keep = active;
  if (indexed) {
    const taken = new Set<number>();
    keep = [];
    for (const p of active) {
      const i = podIndex(p);
      if (i === undefined || (completions !== undefined && i >= completions) || succeededIndexes.has(i) || taken.has(i)) plan.delete.push(p);
      else {
        taken.add(i);
        keep.push(p);
      }
    }
    const missing: number[] = [];
    for (let i = 0; i < (completions ?? 0) && missing.length < parallelism - keep.length; i++) if (!succeededIndexes.has(i) && !taken.has(i)) missing.push(i);
    plan.create = missing.map((index) => ({ index }));
  } else {
    const want = completions === undefined ? (succeeded > 0 ? Math.min(parallelism, active.length) : parallelism) : Math.min(parallelism, completions - succeeded);
    if (active.length > want) {
      // Unready and newest first, as upstream's ActivePods ranking in short.
      const ranked = [...active].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? ''));
      plan.delete = ranked.slice(0, active.length - want);
      keep = ranked.slice(active.length - want);
    } else plan.create = Array.from({ length: want - active.length }, () => ({}));
  }
  if (plan.create.length > 0) {
    const wait = podBackoffRemaining(pods, now);
    if (wait > 0) {
      plan.create = [];
      plan.requeueAfterMs = wait;
    }
  }
  status.active = keep.length + plan.create.length;
  status.ready = keep.filter(isPodReady).length;
  if (deadline !== undefined) plan.requeueAfterMs = Math.min(plan.requeueAfterMs ?? Infinity, Math.max(1, deadline - now));
  return plan;
}

function finish(status: JobStatus, nowIso: string, type: string, why: { reason: string; message: string }): void {
  const c: Condition = { type, status: 'True', ...why, lastProbeTime: nowIso };
  status.conditions = setCondition(status.conditions, c, nowIso);
}
