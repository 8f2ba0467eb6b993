import type { V1Endpoints } from '@kubernetes/client-node';
import { formatEndpoints } from '../columns/endpoints.js';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const endpoints: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Endpoints',
  plural: 'endpoints',
  singular: 'endpoints',
  shortNames: ['ep'],
  namespaced: true,
  storagePrefix: '/registry/services/endpoints',
  model: 'V1Endpoints',
  columns: [
    {
      name: 'Endpoints',
      type: 'string',
      description: 'The addresses and ports of the endpoints.',
      cell: (o) => formatEndpoints(typed<V1Endpoints>(o)),
    },
  ],
};
