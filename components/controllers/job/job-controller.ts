// The Job controller (pkg/controller/job): pods for each Job up to parallelism and completions,
// tracked with the batch.kubernetes.io/job-tracking finalizer, finished pods counted into status,
// the job completing or failing (backoff limit, deadline, podFailurePolicy) with upstream's
// conditions. Pods belong to a Job by controller reference.
import type { ResourceClient } from '../../client/client.js';
import type { Clock } from '../../client/clock.js';
import type { EventRecorder } from '../../client/event-recorder.js';
import type { Informer } from '../../client/informer.js';
import { jobs as jobsType, pods as podsType } from '../../client/resource-types.js';
import { OWNER_UID_INDEX } from '../../client/store.js';
import { isNotFound } from '../../client/transport.js';
import { keyOf, splitKey, type Controller, type ControllerContext, type ReconcileResult } from '../runtime/controller.js';
import type { Pod } from '../support/api-types.js';
import { deepEqual } from '../support/deep-equal.js';
import { controllerOf, isControlledBy } from '../support/ownership.js';
import { unwrapTombstone } from '../support/tombstone.js';
import { WriteTracker } from '../support/write-tracker.js';
import { planJob, TRACKING_FINALIZER } from './job-decisions.js';
import type { Job } from './job-types.js';
import { podForJob } from './pod-template.js';

export class JobController implements Controller {
  readonly name = 'job-controller';
  readonly workers = 5;
  private jobs!: Informer<Job>;
  private pods!: Informer<Pod>;
  private jobClient!: ResourceClient<Job>;
  private podClient!: ResourceClient<Pod>;
  private clock!: Clock;
  private recorder!: EventRecorder;
  private readonly writes = new WriteTracker();

  setup(ctx: ControllerContext, enqueue: (key: string) => void): void {
    this.clock = ctx.clock;
    this.recorder = ctx.recorder('job-controller');
    this.jobClient = ctx.client.resource<Job>(jobsType);
    this.podClient = ctx.client.resource<Pod>(podsType);
    this.jobs = ctx.informers.informerFor<Job>(jobsType);
    this.pods = ctx.informers.informerFor<Pod>(podsType);
    this.jobs.addEventHandler({ add: (j) => enqueue(keyOf(j)), update: (_o, n) => enqueue(keyOf(n)), delete: (j) => enqueue(keyOf(unwrapTombstone(j))) });
    const onPod = (p: Pod) => {
      const ref = controllerOf(p);
      if (ref?.kind === 'Job') enqueue(`${p.metadata.namespace}/${ref.name}`);
    };
    this.pods.addEventHandler({ add: onPod, update: (_o, n) => onPod(n), delete: (p) => onPod(unwrapTombstone(p)) });
  }

  async reconcile(key: string): Promise<ReconcileResult | void> {
    const { namespace, name } = splitKey(key);
    const job = this.jobs.lister.get(namespace, name);
    if (!job) {
      this.writes.forget(key);
      return;
    }
    const owned = () => this.pods.lister.byIndex(OWNER_UID_INDEX, job.metadata.uid!).filter((p) => isControlledBy(p, job.metadata.uid));
    if (!this.writes.caughtUp(key, (n) => this.pods.lister.get(namespace, n))) return { requeueAfter: 50 };
    if (job.metadata.deletionTimestamp) {
      // A job going away lets go of its pods (upstream removes the finalizers of a deleted job's pods).
      for (const p of owned()) if ((p.metadata.finalizers ?? []).includes(TRACKING_FINALIZER)) await this.dropFinalizer(p);
      return;
    }
    const plan = planJob(job, owned(), this.clock.now());

    for (const p of plan.delete) {
      await this.podClient.delete(p.metadata.name!, { namespace }).then(
        () => this.recorder.event(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`),
        (err) => {
          if (!isNotFound(err)) throw err;
        },
      );
      this.writes.record(key, [{ name: p.metadata.name! }]);
    }
    if (!deepEqual(plan.status, job.status ?? {})) await this.jobClient.updateStatus({ ...job, status: plan.status });
    for (const p of plan.unfinalize) await this.dropFinalizer(p);
    for (const c of plan.create) {
      const made = await this.podClient.create(podForJob(job, c.index), { namespace });
      this.writes.record(key, [{ name: made.metadata.name!, resourceVersion: made.metadata.resourceVersion }]);
      this.recorder.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata.name}`);
    }
    for (const e of plan.events) this.recorder.event(job, e.type, e.reason, e.message);
    if (plan.requeueAfterMs !== undefined && Number.isFinite(plan.requeueAfterMs)) return { requeueAfter: plan.requeueAfterMs };
  }

  /** Remove the tracking finalizer (a JSON patch testing the list first, so that a concurrent change conflicts). */
  private async dropFinalizer(pod: Pod): Promise<void> {
    const finalizers = pod.metadata.finalizers ?? [];
    const patch = [
      { op: 'test', path: '/metadata/finalizers', value: finalizers },
      { op: 'replace', path: '/metadata/finalizers', value: finalizers.filter((f) => f !== TRACKING_FINALIZER) },
    ];
    await this.podClient.patch(pod.metadata.name!, patch, { type: 'json', namespace: pod.metadata.namespace }).catch((err) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
