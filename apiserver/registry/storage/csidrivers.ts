import type { V1CSIDriver } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const spec = (o: KubeObject) => typed<V1CSIDriver>(o).spec;

export const csidrivers: ResourceEntry = {
  group: 'storage.k8s.io',
  versions: ['v1'],
  kind: 'CSIDriver',
  plural: 'csidrivers',
  singular: 'csidriver',
  namespaced: false,
  model: 'V1CSIDriver',
  columns: [
    { name: 'AttachRequired', type: 'boolean', description: 'Whether volumes need an attach operation.', cell: (o) => spec(o)?.attachRequired ?? true },
    { name: 'PodInfoOnMount', type: 'boolean', description: 'Whether pod information is passed on mount.', cell: (o) => spec(o)?.podInfoOnMount ?? false },
    { name: 'StorageCapacity', type: 'boolean', description: 'Whether the driver reports storage capacity.', cell: (o) => spec(o)?.storageCapacity ?? false },
    {
      name: 'TokenRequests',
      type: 'string',
      description: 'Audiences of the service account tokens passed to the driver.',
      cell: (o) => (spec(o)?.tokenRequests ? spec(o)!.tokenRequests!.map((t) => t.audience).join(',') : '<unset>'),
    },
    { name: 'RequiresRepublish', type: 'boolean', description: 'Whether NodePublishVolume is called periodically.', cell: (o) => spec(o)?.requiresRepublish ?? false },
    {
      name: 'Modes',
      type: 'string',
      description: 'Volume lifecycle modes the driver supports.',
      cell: (o) => (spec(o)?.volumeLifecycleModes ?? []).join(',') || '<none>',
    },
  ],
};
