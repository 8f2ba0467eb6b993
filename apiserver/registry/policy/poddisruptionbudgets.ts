import type { V1PodDisruptionBudget } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const pdb = (o: KubeObject) => typed<V1PodDisruptionBudget>(o);

export const poddisruptionbudgets: ResourceEntry = {
  group: 'policy',
  versions: ['v1'],
  kind: 'PodDisruptionBudget',
  plural: 'poddisruptionbudgets',
  singular: 'poddisruptionbudget',
  shortNames: ['pdb'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'PodDisruptionBudget', verbs: ['get', 'patch', 'update'] }],
  model: 'V1PodDisruptionBudget',
  hasStatus: true,
  columns: [
    {
      name: 'Min Available',
      type: 'string',
      description: 'The minimum number of pods that must be available.',
      cell: (o) => String(pdb(o).spec?.minAvailable ?? 'N/A'),
    },
    {
      name: 'Max Unavailable',
      type: 'string',
      description: 'The maximum number of pods that may be unavailable.',
      cell: (o) => String(pdb(o).spec?.maxUnavailable ?? 'N/A'),
    },
    {
      name: 'Allowed Disruptions',
      type: 'integer',
      description: 'Calculated number of pods that may be disrupted at this time.',
      cell: (o) => pdb(o).status?.disruptionsAllowed ?? 0,
    },
  ],
};
