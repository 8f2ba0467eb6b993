import type { V1DaemonSet } from '@kubernetes/client-node';
import { templateColumns } from '../columns/containers.js';
import { formatLabelSelector, formatLabels } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const ds = (o: KubeObject) => typed<V1DaemonSet>(o);

export const daemonsets: ResourceEntry = {
  group: 'apps',
  versions: ['v1'],
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  shortNames: ['ds'],
  categories: ['all'],
  namespaced: true,
  subresources: [{ name: 'status', kind: 'DaemonSet', verbs: ['get', 'patch', 'update'] }],
  model: 'V1DaemonSet',
  hasStatus: true,
  columns: [
    { name: 'Desired', type: 'integer', description: 'Nodes that should run the daemon pod.', cell: (o) => ds(o).status?.desiredNumberScheduled ?? 0 },
    { name: 'Current', type: 'integer', description: 'Nodes running at least one daemon pod.', cell: (o) => ds(o).status?.currentNumberScheduled ?? 0 },
    { name: 'Ready', type: 'integer', description: 'Nodes with a ready daemon pod.', cell: (o) => ds(o).status?.numberReady ?? 0 },
    { name: 'Up-to-date', type: 'integer', description: 'Nodes running the updated daemon pod.', cell: (o) => ds(o).status?.updatedNumberScheduled ?? 0 },
    { name: 'Available', type: 'integer', description: 'Nodes with an available daemon pod.', cell: (o) => ds(o).status?.numberAvailable ?? 0 },
    {
      name: 'Node Selector',
      type: 'string',
      description: 'Node labels a node must have to run the pod.',
      cell: (o) => formatLabels(ds(o).spec?.template?.spec?.nodeSelector),
    },
    ...templateColumns((o) => ds(o).spec?.template),
    { name: 'Selector', type: 'string', priority: 1, description: 'Label query over pods.', cell: (o) => formatLabelSelector(ds(o).spec?.selector) },
  ],
};
