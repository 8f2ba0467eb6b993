// The Job controller and the TTL-after-finished controller. Run jobController() as
// `system:serviceaccount:kube-system:job-controller` and ttlAfterFinishedController() as
// `system:serviceaccount:kube-system:ttl-after-finished-controller` (groups system:serviceaccounts,
// system:serviceaccounts:kube-system); the bootstrap policy grants their system:controller: roles.
import { JobController } from './job-controller.js';
import { TtlAfterFinishedController } from './ttl-after-finished.js';

export { planJob, podBackoffRemaining, isJobFinished, TRACKING_FINALIZER, COMPLETION_INDEX, type JobPlan } from './job-decisions.js';
export { matchPodFailurePolicy } from './pod-failure-policy.js';
export { formatIndexes, parseIndexes } from './indexes.js';
export { podForJob, jobPodLabels } from './pod-template.js';
export { jobExpiry } from './ttl-after-finished.js';
export type { Job, JobSpec, JobStatus } from './job-types.js';

export function jobController(): JobController {
  return new JobController();
}

export function ttlAfterFinishedController(): TtlAfterFinishedController {
  return new TtlAfterFinishedController();
}
