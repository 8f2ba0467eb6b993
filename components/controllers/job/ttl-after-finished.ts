// The TTL-after-finished controller (pkg/controller/ttlafterfinished): a finished Job with
// spec.ttlSecondsAfterFinished is deleted (foreground propagation, UID precondition) that many
// seconds after it finished (its Complete or Failed condition's lastTransitionTime).
import type { ResourceClient } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { Informer } from '../../client/informer.js';
import { jobs as jobsType } from '../../client/resource-types.js';
import { isNotFound } from '../../client/transport.js';
import { keyOf, splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../runtime/controller.js';
import { findCondition } from '../support/conditions.js';
import { parseTime } from '../support/time.js';
import type { Job } from './job-types.js';

/** When `job` expires (ms since the epoch), or undefined when it has no TTL or is not finished. */
export function jobExpiry(job: Job): number | undefined {
  const ttl = job.spec.ttlSecondsAfterFinished;
  if (ttl === undefined || ttl === null || job.metadata.deletionTimestamp) return undefined;
  const done = ['Complete', 'Failed'].map((t) => findCondition(job.status?.conditions, t)).find((c) => c?.status === 'True');
  if (!done) return undefined;
  const finishedAt = parseTime(done.lastTransitionTime) ?? parseTime(job.status?.completionTime);
  return finishedAt === undefined ? undefined : finishedAt + ttl * 1000;
}

export class TtlAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished-controller';
  private jobs!: Informer<Job>;
  private client!: ResourceClient<Job>;
  private clock!: Clock;

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.clock = ctx.clock;
    this.client = ctx.client.resource<Job>(jobsType);
    this.jobs = ctx.informers.informerFor<Job>(jobsType);
    const onJob = (j: Job) => {
      if (jobExpiry(j) !== undefined) enqueue(keyOf(j));
    };
    this.jobs.addEventHandler({ add: onJob, update: (_o, n) => onJob(n) });
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const job = this.jobs.lister.get(namespace, name);
    const expiry = job && jobExpiry(job);
    if (!job || expiry === undefined) return;
    const now = this.clock.now();
    if (now < expiry) return { requeueAfter: expiry - now };
    await this.client.delete(name, { namespace, propagationPolicy: 'Foreground', preconditions: { uid: job.metadata.uid } }).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
