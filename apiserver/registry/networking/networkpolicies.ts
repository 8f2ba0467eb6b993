import type { V1NetworkPolicy } from '@kubernetes/client-node';
import { formatLabelSelector } from '../columns/labels.js';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const networkpolicies: ResourceEntry = {
  group: 'networking.k8s.io',
  versions: ['v1'],
  kind: 'NetworkPolicy',
  plural: 'networkpolicies',
  singular: 'networkpolicy',
  shortNames: ['netpol'],
  namespaced: true,
  storagePrefix: '/registry/networkpolicies',
  model: 'V1NetworkPolicy',
  columns: [
    {
      name: 'Pod-Selector',
      type: 'string',
      description: 'Selects the pods to which this policy applies.',
      cell: (o) => formatLabelSelector(typed<V1NetworkPolicy>(o).spec?.podSelector),
    },
  ],
};
