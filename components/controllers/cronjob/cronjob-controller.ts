// The CronJob controller (pkg/controller/cronjob, v2): Jobs named <cronjob>-<minutes since epoch>
// created at each scheduled time, concurrencyPolicy Allow/Forbid/Replace, startingDeadlineSeconds,
// suspend, history limits, status active/lastScheduleTime/lastSuccessfulTime, upstream's events.
import type { ResourceClient } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { EventRecorder, ObjectReference } from '../../client/event-recorder.js';
import type { Informer } from '../../client/informer.js';
import { cronJobs as cronJobsType, jobs as jobsType } from '../../client/resource-types.js';
import { OWNER_UID_INDEX } from '../../client/store.js';
import { isAlreadyExists, isNotFound } from '../../client/transport.js';
import { keyOf, splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../runtime/controller.js';
import type { Meta } from '../support/api-types.js';
import { deepEqual } from '../support/deep-equal.js';
import { controllerOf, controllerRef, isControlledBy } from '../support/ownership.js';
import { metaTime, parseTime } from '../support/time.js';
import { unwrapTombstone } from '../support/tombstone.js';
import { isJobFinished } from '../job/job-decisions.js';
import type { Job, JobSpec } from '../job/job-types.js';
import { hasTrueCondition } from '../support/conditions.js';
import { CronParseError, parseCronSchedule } from './cron-schedule.js';
import { jobNameFor, mostRecentScheduleTime, rfc3339InZone } from './schedule-times.js';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';
const NEXT_SCHEDULE_DELTA_MS = 100;

export interface CronJob {
  apiVersion?: string;
  kind?: string;
  metadata: Meta;
  spec: {
    schedule: string;
    timeZone?: string;
    startingDeadlineSeconds?: number | null;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    suspend?: boolean;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: Meta; spec: JobSpec };
  };
  status?: { active?: ObjectReference[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

export interface CronJobControllerOptions {
  clock?: Clock;
}

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  readonly workers = 5;
  private cronJobs!: Informer<CronJob>;
  private jobs!: Informer<Job>;
  private cjClient!: ResourceClient<CronJob>;
  private jobClient!: ResourceClient<Job>;
  private clock!: Clock;
  private recorder!: EventRecorder;

  constructor(private readonly o: CronJobControllerOptions = {}) {}

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.clock = this.o.clock ?? ctx.clock;
    this.recorder = ctx.recorder('cronjob-controller');
    this.cjClient = ctx.client.resource<CronJob>(cronJobsType);
    this.jobClient = ctx.client.resource<Job>(jobsType);
    this.cronJobs = ctx.informers.informerFor<CronJob>(cronJobsType);
    this.jobs = ctx.informers.informerFor<Job>(jobsType);
    this.cronJobs.addEventHandler({ add: (c) => enqueue(keyOf(c)), update: (_o, n) => enqueue(keyOf(n)) });
    const onJob = (j: Job) => {
      const ref = controllerOf(j);
      if (ref?.kind === 'CronJob') enqueue(`${j.metadata.namespace}/${ref.name}`);
    };
    this.jobs.addEventHandler({ add: onJob, update: (_o, n) => onJob(n), delete: (j) => onJob(unwrapTombstone(j)) });
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const cj = this.cronJobs.lister.get(namespace, name);
    if (!cj) return;
    const now = this.clock.now();
    const owned = this.jobs.lister.byIndex(OWNER_UID_INDEX, cj.metadata.uid!).filter((j) => isControlledBy(j, cj.metadata.uid));
    const status = { ...cj.status, active: [...(cj.status?.active ?? [])] };

    // Reconcile the active list with the jobs we see.
    for (const j of owned) {
      const listed = status.active.some((r) => r.uid === j.metadata.uid);
      if (isJobFinished(j)) {
        if (listed) {
          status.active = status.active.filter((r) => r.uid !== j.metadata.uid);
          const how = hasTrueCondition(j.status?.conditions, 'Complete') ? 'Complete' : 'Failed';
          this.recorder.event(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${how}`);
        }
        const done = parseTime(j.status?.completionTime);
        if (hasTrueCondition(j.status?.conditions, 'Complete') && done !== undefined && (parseTime(status.lastSuccessfulTime) ?? 0) < done) status.lastSuccessfulTime = metaTime(done);
      } else if (!listed) {
        this.recorder.event(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`);
      }
    }
    for (const r of [...status.active]) {
      if (owned.some((j) => j.metadata.uid === r.uid)) continue;
      const exists = await this.jobClient.get(r.name!, { namespace }).then((j) => j.metadata.uid === r.uid, (err) => (isNotFound(err) ? false : Promise.reject(err)));
      if (!exists) {
        this.recorder.event(cj, 'Normal', 'MissingJob', `Active job went missing: ${r.name}`);
        status.active = status.active.filter((x) => x.uid !== r.uid);
      }
    }
    await this.cleanupHistory(cj, owned);

    let requeue: number | undefined;
    if (!cj.metadata.deletionTimestamp && !cj.spec.suspend) requeue = await this.maybeRun(cj, status, now);
    const newStatus = { ...status, active: status.active.length ? status.active : undefined };
    if (!deepEqual(newStatus, cj.status ?? {})) await this.cjClient.updateStatus({ ...cj, status: newStatus }, { namespace });
    if (requeue !== undefined && Number.isFinite(requeue)) return { requeueAfter: Math.max(1, requeue) };
  }

  /** Start the job due now, if any; returns the wait until the next activation. */
  private async maybeRun(cj: CronJob, status: NonNullable<CronJob['status']> & { active: ObjectReference[] }, now: number): Promise<number | undefined> {
    if (/(^|\s)(CRON_)?TZ=/.test(cj.spec.schedule)) {
      this.recorder.event(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule "${cj.spec.schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`);
    }
    let schedule;
    try {
      schedule = parseCronSchedule(cj.spec.schedule, cj.spec.timeZone);
    } catch (err) {
      if (!(err instanceof CronParseError)) throw err;
      if (cj.spec.timeZone && /location/.test(err.message)) this.recorder.event(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: "${cj.spec.timeZone}": ${err.message}`);
      else this.recorder.event(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: "${cj.spec.schedule}" : ${err.message}`);
      return undefined;
    }
    const earliest = parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
    const due = mostRecentScheduleTime(schedule, { earliestMs: earliest, nowMs: now, startingDeadlineSeconds: cj.spec.startingDeadlineSeconds });
    const wait = due.nextMs - now + NEXT_SCHEDULE_DELTA_MS;
    if (due.missed > 100) {
      this.recorder.event(cj, 'Warning', 'TooManyMissedTimes', `too many missed start times: ${due.missed}. Set or decrease .spec.startingDeadlineSeconds or check clock skew`);
    }
    const at = due.scheduledMs;
    if (at === undefined) return wait;
    const sds = cj.spec.startingDeadlineSeconds;
    if (sds !== undefined && sds !== null && at + sds * 1000 < now) {
      this.recorder.event(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${new Date(at).toUTCString().replace('GMT', '+0000')}`);
      return wait;
    }
    const jobName = jobNameFor(cj.metadata.name!, at);
    if (status.active.some((r) => r.name === jobName) || parseTime(status.lastScheduleTime) === at) return wait;
    const policy = cj.spec.concurrencyPolicy ?? 'Allow';
    if (policy === 'Forbid' && status.active.length > 0) {
      this.recorder.event(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return wait;
    }
    const namespace = cj.metadata.namespace;
    if (policy === 'Replace') {
      for (const r of [...status.active]) {
        await this.jobClient.delete(r.name!, { namespace, propagationPolicy: 'Background' }).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
        this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${r.name}`);
        status.active = status.active.filter((x) => x.uid !== r.uid);
      }
    }
    const t = cj.spec.jobTemplate;
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobName,
        namespace,
        labels: { ...(t.metadata?.labels ?? {}) },
        annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339InZone(at, schedule.timeZone) },
        ownerReferences: [controllerRef(cj, 'batch/v1', 'CronJob')],
      },
      spec: structuredClone(t.spec),
    };
    let made: Job;
    try {
      made = await this.jobClient.create(job, { namespace });
      this.recorder.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${jobName}`);
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      made = await this.jobClient.get(jobName, { namespace });
      if (!isControlledBy(made, cj.metadata.uid) || isJobFinished(made)) {
        status.lastScheduleTime = metaTime(at);
        return wait;
      }
    }
    if (!status.active.some((r) => r.uid === made.metadata.uid)) {
      status.active.push({ kind: 'Job', namespace, name: made.metadata.name, uid: made.metadata.uid, apiVersion: 'batch/v1', resourceVersion: made.metadata.resourceVersion });
    }
    status.lastScheduleTime = metaTime(at);
    return wait;
  }

  /** Delete finished jobs beyond the history limits, oldest start first. */
  private async cleanupHistory(cj: CronJob, owned: Job[]): Promise<void> {
    const start = (j: Job) => parseTime(j.status?.startTime) ?? parseTime(j.metadata.creationTimestamp) ?? 0;
    const limits: Array<[string, number]> = [
      ['Complete', cj.spec.successfulJobsHistoryLimit ?? 3],
      ['Failed', cj.spec.failedJobsHistoryLimit ?? 1],
    ];
    for (const [type, limit] of limits) {
      const finished = owned.filter((j) => hasTrueCondition(j.status?.conditions, type) && !j.metadata.deletionTimestamp).sort((a, b) => start(a) - start(b));
      for (const j of finished.slice(0, Math.max(0, finished.length - limit))) {
        await this.jobClient.delete(j.metadata.name!, { namespace: cj.metadata.namespace, propagationPolicy: 'Background' }).catch((err) => {
          if (!isNotFound(err)) throw err;
        });
        this.recorder.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
      }
    }
  }
}
