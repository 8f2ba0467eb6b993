import type { V1StatefulSet } from '@kubernetes/client-node';
import { templateColumns } from '../columns/containers.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const sts = (o: KubeObject) => typed<V1StatefulSet>(o);

export const statefulsets: ResourceEntry = {
  group: 'apps',
  versions: ['v1'],
  kind: 'StatefulSet',
  plural: 'statefulsets',
  singular: 'statefulset',
  shortNames: ['sts'],
  categories: ['all'],
  namespaced: true,
  subresources: [
    { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'StatefulSet', verbs: ['get', 'patch', 'update'] },
  ],
  model: 'V1StatefulSet',
  hasStatus: true,
  columns: [
    {
      name: 'Ready',
      type: 'string',
      description: 'Number of the pod with ready state',
      cell: (o) => `${sts(o).status?.readyReplicas ?? 0}/${sts(o).spec?.replicas ?? 1}`,
    },
    ...templateColumns((o) => sts(o).spec?.template),
  ],
};
