import type { V1StorageClass } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const sc = (o: KubeObject) => typed<V1StorageClass>(o);

export const storageclasses: ResourceEntry = {
  group: 'storage.k8s.io',
  versions: ['v1'],
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  shortNames: ['sc'],
  namespaced: false,
  model: 'V1StorageClass',
  // Upstream also suffixes NAME with " (default)" for the default class; NAME is the table code's.
  columns: [
    { name: 'Provisioner', type: 'string', description: 'The volume plugin that provisions volumes of this class.', cell: (o) => sc(o).provisioner },
    { name: 'ReclaimPolicy', type: 'string', description: 'Reclaim policy of dynamically provisioned volumes.', cell: (o) => sc(o).reclaimPolicy ?? 'Delete' },
    {
      name: 'VolumeBindingMode',
      type: 'string',
      description: 'When volumes are provisioned and bound.',
      cell: (o) => sc(o).volumeBindingMode ?? 'Immediate',
    },
    {
      name: 'AllowVolumeExpansion',
      type: 'string',
      description: 'Whether the class allows volume expansion.',
      cell: (o) => sc(o).allowVolumeExpansion ?? false,
    },
  ],
};
