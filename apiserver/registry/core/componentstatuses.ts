import type { V1ComponentStatus } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const healthy = (o: KubeObject) => (typed<V1ComponentStatus>(o).conditions ?? []).find((c) => c.type === 'Healthy');

/** Read-only and computed on request (deprecated upstream); no storage. */
export const componentstatuses: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'ComponentStatus',
  plural: 'componentstatuses',
  singular: 'componentstatus',
  shortNames: ['cs'],
  namespaced: false,
  verbs: ['get', 'list'],
  model: 'V1ComponentStatus',
  columns: [
    {
      name: 'Status',
      type: 'string',
      description: 'Status of the component conditions',
      cell: (o) => {
        const c = healthy(o);
        return c ? (c.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
      },
    },
    { name: 'Message', type: 'string', description: 'Message of the component conditions', cell: (o) => healthy(o)?.message ?? '' },
    { name: 'Error', type: 'string', description: 'Error of the component conditions', cell: (o) => healthy(o)?.error ?? '' },
  ],
};
