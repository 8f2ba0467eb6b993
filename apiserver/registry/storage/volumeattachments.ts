import type { V1VolumeAttachment } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const va = (o: KubeObject) => typed<V1VolumeAttachment>(o);

export const volumeattachments: ResourceEntry = {
  group: 'storage.k8s.io',
  versions: ['v1'],
  kind: 'VolumeAttachment',
  plural: 'volumeattachments',
  singular: 'volumeattachment',
  namespaced: false,
  subresources: [{ name: 'status', kind: 'VolumeAttachment', verbs: ['get', 'patch', 'update'] }],
  model: 'V1VolumeAttachment',
  hasStatus: true,
  columns: [
    { name: 'Attacher', type: 'string', description: 'The volume driver that attaches the volume.', cell: (o) => va(o).spec?.attacher ?? '' },
    { name: 'PV', type: 'string', description: 'The persistent volume to attach.', cell: (o) => va(o).spec?.source?.persistentVolumeName ?? '' },
    { name: 'Node', type: 'string', description: 'The node the volume is attached to.', cell: (o) => va(o).spec?.nodeName ?? '' },
    { name: 'Attached', type: 'boolean', description: 'Whether the attach operation succeeded.', cell: (o) => va(o).status?.attached ?? false },
  ],
};
