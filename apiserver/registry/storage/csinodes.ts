import type { V1CSINode } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const csinodes: ResourceEntry = {
  group: 'storage.k8s.io',
  versions: ['v1'],
  kind: 'CSINode',
  plural: 'csinodes',
  singular: 'csinode',
  namespaced: false,
  model: 'V1CSINode',
  columns: [
    {
      name: 'Drivers',
      type: 'integer',
      description: 'Drivers indicates the number of CSI drivers registered on the node',
      cell: (o) => (typed<V1CSINode>(o).spec?.drivers ?? []).length,
    },
  ],
};
