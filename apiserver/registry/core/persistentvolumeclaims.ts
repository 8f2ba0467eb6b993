import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import { accessModes, storageClassOf } from '../columns/volumes.js';
import type { KubeObject, ResourceEntry } from '../types.js';
import { defaultStorageClass } from './pvc-default-class.js';

const pvc = (o: KubeObject) => typed<V1PersistentVolumeClaim>(o);
/** Capacity and access modes are the bound volume's, so blank until bound. */
const bound = (o: KubeObject) => Boolean(pvc(o).spec?.volumeName);

export const persistentvolumeclaims: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  singular: 'persistentvolumeclaim',
  shortNames: ['pvc'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'PersistentVolumeClaim', verbs: ['get', 'patch', 'update'] }],
  model: 'V1PersistentVolumeClaim',
  hasStatus: true,
  hooks: { beforeCreate: defaultStorageClass },
  columns: [
    {
      name: 'Status',
      type: 'string',
      description: 'Phase of the claim.',
      cell: (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : (pvc(o).status?.phase ?? '')),
    },
    { name: 'Volume', type: 'string', description: 'The volume bound to the claim.', cell: (o) => pvc(o).spec?.volumeName ?? '' },
    {
      name: 'Capacity',
      type: 'string',
      description: 'Capacity of the bound volume.',
      cell: (o) => (bound(o) ? (pvc(o).status?.capacity?.['storage'] ?? '') : ''),
    },
    {
      name: 'Access Modes',
      type: 'string',
      description: 'Access modes of the bound volume.',
      cell: (o) => (bound(o) ? accessModes(pvc(o).status?.accessModes) : ''),
    },
    {
      name: 'StorageClass',
      type: 'string',
      description: 'StorageClass of the pvc',
      cell: (o) => storageClassOf(o.metadata?.annotations, pvc(o).spec?.storageClassName),
    },
    {
      name: 'VolumeAttributesClass',
      type: 'string',
      description: 'VolumeAttributesClass of the pvc',
      cell: (o) => pvc(o).spec?.volumeAttributesClassName ?? '<unset>',
    },
    { name: 'VolumeMode', type: 'string', priority: 1, description: 'Filesystem or Block.', cell: (o) => pvc(o).spec?.volumeMode ?? '<unset>' },
  ],
};
