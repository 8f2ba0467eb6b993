import type { V1Deployment } from '@kubernetes/client-node';
import { templateColumns } from '../columns/containers.js';
import { labelSelectorString } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const deploy = (o: KubeObject) => typed<V1Deployment>(o);

export const deployments: ResourceEntry = {
  group: 'apps',
  versions: ['v1'],
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  shortNames: ['deploy'],
  categories: ['all'],
  namespaced: true,
  subresources: [
    { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
    { name: 'status', kind: 'Deployment', verbs: ['get', 'patch', 'update'] },
  ],
  storagePrefix: '/registry/deployments',
  model: 'V1Deployment',
  hasStatus: true,
  columns: [
    {
      name: 'Ready',
      type: 'string',
      description: 'Number of the pod with ready state',
      cell: (o) => `${deploy(o).status?.readyReplicas ?? 0}/${deploy(o).spec?.replicas ?? 1}`,
    },
    { name: 'Up-to-date', type: 'string', description: 'Total number of non-terminated pods that have the desired template.', cell: (o) => deploy(o).status?.updatedReplicas ?? 0 },
    { name: 'Available', type: 'string', description: 'Total number of available pods.', cell: (o) => deploy(o).status?.availableReplicas ?? 0 },
    ...templateColumns((o) => deploy(o).spec?.template),
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Label selector for pods.',
      cell: (o) => labelSelectorString(deploy(o).spec?.selector) ?? '<invalid>',
    },
  ],
};
