import type { V1CronJob } from '@kubernetes/client-node';
import { templateColumns } from '../columns/containers.js';
import { since } from '../columns/human-duration.js';
import { formatLabelSelector } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const cj = (o: KubeObject) => typed<V1CronJob>(o);

export const cronjobs: ResourceEntry = {
  group: 'batch',
  versions: ['v1'],
  kind: 'CronJob',
  plural: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  categories: ['all'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'CronJob', verbs: ['get', 'patch', 'update'] }],
  model: 'V1CronJob',
  hasStatus: true,
  columns: [
    { name: 'Schedule', type: 'string', description: 'The schedule in Cron format.', cell: (o) => cj(o).spec?.schedule ?? '' },
    { name: 'Timezone', type: 'string', description: 'The time zone of the schedule.', cell: (o) => cj(o).spec?.timeZone ?? '<none>' },
    {
      name: 'Suspend',
      type: 'boolean',
      description: 'Whether subsequent executions are suspended.',
      cell: (o) => {
        const s = cj(o).spec?.suspend;
        return s === undefined ? '<unset>' : s ? 'True' : 'False';
      },
    },
    { name: 'Active', type: 'integer', description: 'Number of currently running jobs.', cell: (o) => (cj(o).status?.active ?? []).length },
    {
      name: 'Last Schedule',
      type: 'string',
      description: 'When a job was last scheduled.',
      cell: (o, now) => (cj(o).status?.lastScheduleTime ? since(cj(o).status?.lastScheduleTime, now) : '<none>'),
    },
    ...templateColumns((o) => cj(o).spec?.jobTemplate?.spec?.template),
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Label query over pods of the jobs.',
      cell: (o) => formatLabelSelector(cj(o).spec?.jobTemplate?.spec?.selector),
    },
  ],
};
