import type { V1EndpointSlice } from '@kubernetes/client-node';
import { formatSliceEndpoints, formatSlicePorts } from '../columns/endpoints.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const slice = (o: KubeObject) => typed<V1EndpointSlice>(o);

export const endpointslices: ResourceEntry = {
  group: 'discovery.k8s.io',
  versions: ['v1'],
  kind: 'EndpointSlice',
  plural: 'endpointslices',
  singular: 'endpointslice',
  namespaced: true,
  model: 'V1EndpointSlice',
  columns: [
    { name: 'AddressType', type: 'string', description: 'The type of address carried by this slice.', cell: (o) => slice(o).addressType },
    { name: 'Ports', type: 'string', description: 'The network ports exposed by each endpoint.', cell: (o) => formatSlicePorts(slice(o)) },
    { name: 'Endpoints', type: 'string', description: 'The addresses of the endpoints.', cell: (o) => formatSliceEndpoints(slice(o)) },
  ],
};
