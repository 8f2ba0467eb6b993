// The pod a Job creates (mirrors job controller's pod template handling): the template's labels and
// annotations plus the job's labels, the tracking finalizer, a controller reference, and in Indexed
// mode the completion index (annotation, label, hostname, JOB_COMPLETION_INDEX).
import type { Pod } from '../support/api-types.js';
import { controllerRef } from '../support/ownership.js';
import { COMPLETION_INDEX, TRACKING_FINALIZER } from './job-decisions.js';
import type { Job } from './job-types.js';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';

/** The labels that tie pods to their Job (upstream's job strategy puts them in the template). */
export function jobPodLabels(job: Job): Record<string, string> {
  const uid = job.metadata.uid!;
  const name = job.metadata.name!;
  return { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name, 'controller-uid': uid, 'job-name': name };
}

export function podForJob(job: Job, index?: number): Pod {
  const t = job.spec.template;
  const labels = { ...(t.metadata?.labels ?? {}), ...jobPodLabels(job) };
  const annotations = { ...(t.metadata?.annotations ?? {}) };
  const spec = structuredClone(t.spec);
  let generateName = `${job.metadata.name}-`;
  if (index !== undefined) {
    annotations[COMPLETION_INDEX] = String(index);
    labels[COMPLETION_INDEX] = String(index);
    generateName = `${job.metadata.name}-${index}-`;
    spec.hostname ??= `${job.metadata.name}-${index}`;
    const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } } };
    for (const c of [...spec.containers, ...(spec.initContainers ?? [])] as Array<{ env?: Array<Record<string, unknown>> }>) {
      if (!(c.env ?? []).some((e) => e.name === 'JOB_COMPLETION_INDEX')) c.env = [...(c.env ?? []), env];
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      namespace: job.metadata.namespace,
      labels,
      annotations,
      finalizers: [...(t.metadata?.finalizers ?? []), TRACKING_FINALIZER],
      ownerReferences: [controllerRef(job, 'batch/v1', 'Job')],
    },
    spec,
  };
}
