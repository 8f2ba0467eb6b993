import type { V1Secret } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const secret = (o: KubeObject) => typed<V1Secret>(o);

export const secrets: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  model: 'V1Secret',
  columns: [
    { name: 'Type', type: 'string', description: 'Used to facilitate programmatic handling of secret data.', cell: (o) => secret(o).type ?? '' },
    { name: 'Data', type: 'string', description: 'Number of keys in the secret data.', cell: (o) => Object.keys(secret(o).data ?? {}).length },
  ],
  fieldSelectors: { type: (o) => secret(o).type ?? '' },
};
