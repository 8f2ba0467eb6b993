import type { V1Service } from '@kubernetes/client-node';
import { formatLabels } from '../columns/labels.js';
import { clusterIP, externalIP, servicePorts } from '../columns/service.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';
import { serviceAllocation } from './service-allocation.js';

const svc = (o: KubeObject) => typed<V1Service>(o);

export const services: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Service',
  plural: 'services',
  singular: 'service',
  shortNames: ['svc'],
  categories: ['all'],
  namespaced: true,
  nameRule: 'dns1035-label',
  subresources: [
    { name: 'proxy', kind: 'ServiceProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
    { name: 'status', kind: 'Service', verbs: ['get', 'patch', 'update'] },
  ],
  storagePrefix: '/registry/services/specs',
  model: 'V1Service',
  hasStatus: true,
  hooks: serviceAllocation,
  columns: [
    { name: 'Type', type: 'string', description: 'How the service is exposed.', cell: (o) => svc(o).spec?.type ?? 'ClusterIP' },
    { name: 'Cluster-IP', type: 'string', description: 'The IP address of the service.', cell: (o) => clusterIP(svc(o)) },
    { name: 'External-IP', type: 'string', description: 'IP addresses the service is reachable at from outside.', cell: (o) => externalIP(svc(o)) },
    { name: 'Port(s)', type: 'string', description: 'The ports exposed by the service.', cell: (o) => servicePorts(svc(o)) },
    {
      name: 'Selector',
      type: 'string',
      priority: 1,
      description: 'Pods with these labels back the service.',
      cell: (o) => formatLabels(svc(o).spec?.selector),
    },
  ],
};
