import type { V1PersistentVolume } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import { accessModes, storageClassOf } from '../columns/volumes.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const pv = (o: KubeObject) => typed<V1PersistentVolume>(o);

export const persistentvolumes: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  singular: 'persistentvolume',
  shortNames: ['pv'],
  namespaced: false,
  subresources: [{ name: 'status', kind: 'PersistentVolume', verbs: ['get', 'patch', 'update'] }],
  model: 'V1PersistentVolume',
  hasStatus: true,
  columns: [
    { name: 'Capacity', type: 'string', description: 'Storage capacity of the volume.', cell: (o) => pv(o).spec?.capacity?.['storage'] ?? '' },
    { name: 'Access Modes', type: 'string', description: 'Ways the volume can be mounted.', cell: (o) => accessModes(pv(o).spec?.accessModes) },
    {
      name: 'Reclaim Policy',
      type: 'string',
      description: 'What happens to the volume when released from its claim.',
      cell: (o) => pv(o).spec?.persistentVolumeReclaimPolicy ?? '',
    },
    {
      name: 'Status',
      type: 'string',
      description: 'Phase of the volume.',
      cell: (o) => (o.metadata?.deletionTimestamp ? 'Terminating' : (pv(o).status?.phase ?? '')),
    },
    {
      name: 'Claim',
      type: 'string',
      description: 'The claim bound to the volume.',
      cell: (o) => {
        const ref = pv(o).spec?.claimRef;
        return ref ? `${ref.namespace ?? ''}/${ref.name ?? ''}` : '';
      },
    },
    {
      name: 'StorageClass',
      type: 'string',
      description: 'StorageClass of the pv',
      cell: (o) => storageClassOf(o.metadata?.annotations, pv(o).spec?.storageClassName),
    },
    {
      name: 'VolumeAttributesClass',
      type: 'string',
      description: 'VolumeAttributesClass of the pv',
      cell: (o) => pv(o).spec?.volumeAttributesClassName ?? '<unset>',
    },
    { name: 'Reason', type: 'string', description: 'Why the volume is in its phase.', cell: (o) => pv(o).status?.reason ?? '' },
    { name: 'VolumeMode', type: 'string', priority: 1, description: 'Filesystem or Block.', cell: (o) => pv(o).spec?.volumeMode ?? '<unset>' },
  ],
};
