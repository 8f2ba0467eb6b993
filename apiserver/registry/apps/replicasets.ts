import type { V1ReplicaSet } from '@kubernetes/client-node';
import { templateColumns } from '../columns/containers.js';
import { formatLabelSelector } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const rs = (o: KubeObject) => typed<V1ReplicaSet>(o);

export const replicasets: ResourceEntry = {
  group: 'apps',
  versions: ['v1'],
  kind: 'ReplicaSet',
  plural: 'replicasets',
  singular: 'replicaset',
  shortNames: ['rs'],
  categories: ['all'],
  namespaced: true,
  subresources: [
    { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'ReplicaSet', verbs: ['get', 'patch', 'update'] },
  ],
  model: 'V1ReplicaSet',
  hasStatus: true,
  columns: [
    { name: 'Desired', type: 'integer', description: 'Number of desired pods.', cell: (o) => rs(o).spec?.replicas ?? 1 },
    { name: 'Current', type: 'integer', description: 'Most recently observed number of replicas.', cell: (o) => rs(o).status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', description: 'Number of ready replicas.', cell: (o) => rs(o).status?.readyReplicas ?? 0 },
    ...templateColumns((o) => rs(o).spec?.template),
    { name: 'Selector', type: 'string', priority: 1, description: 'Label query over pods.', cell: (o) => formatLabelSelector(rs(o).spec?.selector) },
  ],
  fieldSelectors: { 'status.replicas': (o) => String(rs(o).status?.replicas ?? 0) },
};
