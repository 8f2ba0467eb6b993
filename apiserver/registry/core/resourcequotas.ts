import type { V1ResourceQuota } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

/**
 * `used/hard` per resource of status.hard, sorted by name: `limits.*` resources in the LIMIT
 * column, all others in REQUEST (upstream printResourceQuota).
 */
function usage(o: KubeObject, limits: boolean): string {
  const { hard = {}, used = {} } = typed<V1ResourceQuota>(o).status ?? {};
  return Object.keys(hard)
    .sort()
    .filter((name) => name.startsWith('limits.') === limits)
    .map((name) => `${name}: ${used[name] ?? '0'}/${hard[name]}`)
    .join(', ');
}

export const resourcequotas: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'ResourceQuota',
  plural: 'resourcequotas',
  singular: 'resourcequota',
  shortNames: ['quota'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'ResourceQuota', verbs: ['get', 'patch', 'update'] }],
  model: 'V1ResourceQuota',
  hasStatus: true,
  columns: [
    {
      name: 'Request',
      type: 'string',
      description: 'Request represents a minimum amount of cpu/memory that a container may consume.',
      cell: (o) => usage(o, false),
    },
    {
      name: 'Limit',
      type: 'string',
      description: 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.',
      cell: (o) => usage(o, true),
    },
  ],
};
