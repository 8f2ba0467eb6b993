import type { V1Job } from '@kubernetes/client-node';
import { templateColumns } from '../columns/containers.js';
import { humanDuration, since, toDate } from '../columns/human-duration.js';
import { formatLabelSelector } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const job = (o: KubeObject) => typed<V1Job>(o);

const hasCondition = (o: KubeObject, type: string) => (job(o).status?.conditions ?? []).find((c) => c.type === type)?.status === 'True';

/** Complete, Failed, Terminating, Suspended, FailureTarget or Running, in upstream's precedence. */
function jobStatus(o: KubeObject): string {
  if (hasCondition(o, 'Complete')) return 'Complete';
  if (hasCondition(o, 'Failed')) return 'Failed';
  if (o.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(o, 'Suspended')) return 'Suspended';
  if (hasCondition(o, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** `2/3`; without completions `1/1`, or `0/1 of 4` for a work queue with parallelism. */
function completions(o: KubeObject): string {
  const { spec, status } = job(o);
  const succeeded = status?.succeeded ?? 0;
  if (spec?.completions !== undefined) return `${succeeded}/${spec.completions}`;
  const parallelism = spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Run time: start to completion, or start to now while running; blank before it starts. */
function duration(o: KubeObject, now: Date): string {
  const start = toDate(job(o).status?.startTime);
  if (!start) return '';
  const end = toDate(job(o).status?.completionTime);
  return end ? humanDuration(end.getTime() - start.getTime()) : since(start, now);
}

export const jobs: ResourceEntry = {
  group: 'batch',
  versions: ['v1'],
  kind: 'Job',
  plural: 'jobs',
  singular: 'job',
  categories: ['all'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'Job', verbs: ['get', 'patch', 'update'] }],
  model: 'V1Job',
  hasStatus: true,
  columns: [
    { name: 'Status', type: 'string', description: 'Status of the job.', cell: jobStatus },
    { name: 'Completions', type: 'string', description: 'The number of pods which reached phase Succeeded.', cell: completions },
    { name: 'Duration', type: 'string', description: 'Time required to complete the job.', cell: duration },
    ...templateColumns((o) => job(o).spec?.template),
    { name: 'Selector', type: 'string', priority: 1, description: 'Label query over pods.', cell: (o) => formatLabelSelector(job(o).spec?.selector) },
  ],
  fieldSelectors: { 'status.successful': (o) => String(job(o).status?.succeeded ?? 0) },
};
