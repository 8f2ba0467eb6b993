import type { V1PriorityLevelConfiguration } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const limited = (o: KubeObject) => typed<V1PriorityLevelConfiguration>(o).spec?.limited;
const queuing = (o: KubeObject) => limited(o)?.limitResponse?.queuing;

export const prioritylevelconfigurations: ResourceEntry = {
  group: 'flowcontrol.apiserver.k8s.io',
  versions: ['v1'],
  kind: 'PriorityLevelConfiguration',
  plural: 'prioritylevelconfigurations',
  singular: 'prioritylevelconfiguration',
  namespaced: false,
  subresources: [{ name: 'status', kind: 'PriorityLevelConfiguration', verbs: ['get', 'patch', 'update'] }],
  model: 'V1PriorityLevelConfiguration',
  hasStatus: true,
  columns: [
    { name: 'Type', type: 'string', description: 'Exempt or Limited.', cell: (o) => typed<V1PriorityLevelConfiguration>(o).spec?.type ?? '' },
    {
      name: 'NominalConcurrencyShares',
      type: 'string',
      description: 'Share of the server concurrency limit.',
      cell: (o) => (limited(o) ? (limited(o)!.nominalConcurrencyShares ?? 30) : '<none>'),
    },
    { name: 'Queues', type: 'string', description: 'Number of queues.', cell: (o) => queuing(o)?.queues ?? '<none>' },
    { name: 'HandSize', type: 'string', description: 'Queues dealt to each flow.', cell: (o) => queuing(o)?.handSize ?? '<none>' },
    { name: 'QueueLengthLimit', type: 'string', description: 'Requests a queue may hold.', cell: (o) => queuing(o)?.queueLengthLimit ?? '<none>' },
  ],
};
