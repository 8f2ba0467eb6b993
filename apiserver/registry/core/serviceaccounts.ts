import type { V1ServiceAccount } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const serviceaccounts: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  subresources: [{ name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] }],
  model: 'V1ServiceAccount',
  columns: [
    {
      name: 'Secrets',
      type: 'string',
      description: 'Number of secrets listed by the service account.',
      cell: (o) => (typed<V1ServiceAccount>(o).secrets ?? []).length,
    },
  ],
};
