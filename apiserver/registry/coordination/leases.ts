import type { V1Lease } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const leases: ResourceEntry = {
  group: 'coordination.k8s.io',
  versions: ['v1'],
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  model: 'V1Lease',
  columns: [
    {
      name: 'Holder',
      type: 'string',
      description: 'The identity of the current holder of the lease.',
      cell: (o) => typed<V1Lease>(o).spec?.holderIdentity ?? '',
    },
  ],
};
