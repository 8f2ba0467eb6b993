import type { V1RuntimeClass } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const runtimeclasses: ResourceEntry = {
  group: 'node.k8s.io',
  versions: ['v1'],
  kind: 'RuntimeClass',
  plural: 'runtimeclasses',
  singular: 'runtimeclass',
  namespaced: false,
  model: 'V1RuntimeClass',
  columns: [{ name: 'Handler', type: 'string', description: 'The CRI handler that runs pods of this class.', cell: (o) => typed<V1RuntimeClass>(o).handler }],
};
