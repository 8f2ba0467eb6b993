import type { ResourceEntry } from '../types.js';

export const configmaps: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  shortNames: ['cm'],
  namespaced: true,
  model: 'V1ConfigMap',
  columns: [
    {
      name: 'Data',
      type: 'integer',
      description: 'Number of keys in the configmap',
      cell: (o) => Object.keys((o.data as object) ?? {}).length + Object.keys((o.binaryData as object) ?? {}).length,
    },
  ],
};
