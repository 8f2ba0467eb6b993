import type { V1Node } from '@kubernetes/client-node';
import { ageColumn } from '../columns/age.js';
import { nodeAddress, nodeRoles, nodeStatus } from '../columns/node.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const node = (o: KubeObject) => typed<V1Node>(o);
const info = (o: KubeObject) => node(o).status?.nodeInfo;

export const nodes: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Node',
  plural: 'nodes',
  singular: 'node',
  shortNames: ['no'],
  namespaced: false,
  subresources: [
    { name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    { name: 'status', kind: 'Node', verbs: ['get', 'patch', 'update'] },
  ],
  storagePrefix: '/registry/minions',
  model: 'V1Node',
  hasStatus: true,
  statusOnCreate: true,
  columns: [
    { name: 'Status', type: 'string', description: 'The status of the node', cell: (o) => nodeStatus(node(o)) },
    { name: 'Roles', type: 'string', description: 'The roles of the node', cell: (o) => nodeRoles(node(o)) },
    ageColumn,
    { name: 'Version', type: 'string', description: 'Kubelet version reported by the node.', cell: (o) => info(o)?.kubeletVersion ?? '' },
    {
      name: 'Internal-IP',
      type: 'string',
      priority: 1,
      description: 'The first InternalIP address of the node.',
      cell: (o) => nodeAddress(node(o), 'InternalIP'),
    },
    {
      name: 'External-IP',
      type: 'string',
      priority: 1,
      description: 'The first ExternalIP address of the node.',
      cell: (o) => nodeAddress(node(o), 'ExternalIP'),
    },
    { name: 'OS-Image', type: 'string', priority: 1, description: 'OS image reported by the node.', cell: (o) => info(o)?.osImage || '<unknown>' },
    {
      name: 'Kernel-Version',
      type: 'string',
      priority: 1,
      description: 'Kernel version reported by the node.',
      cell: (o) => info(o)?.kernelVersion || '<unknown>',
    },
    {
      name: 'Container-Runtime',
      type: 'string',
      priority: 1,
      description: 'Container runtime version reported by the node.',
      cell: (o) => info(o)?.containerRuntimeVersion || '<unknown>',
    },
  ],
  fieldSelectors: { 'spec.unschedulable': (o) => String(node(o).spec?.unschedulable ?? false) },
};
