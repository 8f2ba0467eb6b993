import type { V1ReplicationController } from '@kubernetes/client-node';
import { templateColumns } from '../columns/containers.js';
import { formatLabels } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const rc = (o: KubeObject) => typed<V1ReplicationController>(o);

export const replicationcontrollers: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  shortNames: ['rc'],
  categories: ['all'],
  namespaced: true,
  subresources: [
    { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'ReplicationController', verbs: ['get', 'patch', 'update'] },
  ],
  storagePrefix: '/registry/controllers',
  model: 'V1ReplicationController',
  hasStatus: true,
  columns: [
    { name: 'Desired', type: 'integer', description: 'Number of desired replicas.', cell: (o) => rc(o).spec?.replicas ?? 1 },
    { name: 'Current', type: 'integer', description: 'Most recently observed number of replicas.', cell: (o) => rc(o).status?.replicas ?? 0 },
    { name: 'Ready', type: 'integer', description: 'Number of ready replicas.', cell: (o) => rc(o).status?.readyReplicas ?? 0 },
    ...templateColumns((o) => rc(o).spec?.template),
    { name: 'Selector', type: 'string', priority: 1, description: 'Label query over pods.', cell: (o) => formatLabels(rc(o).spec?.selector) },
  ],
  fieldSelectors: { 'status.replicas': (o) => String(rc(o).status?.replicas ?? 0) },
};
