import type { V1MutatingWebhookConfiguration } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const mutatingwebhookconfigurations: ResourceEntry = {
  group: 'admissionregistration.k8s.io',
  versions: ['v1'],
  kind: 'MutatingWebhookConfiguration',
  plural: 'mutatingwebhookconfigurations',
  singular: 'mutatingwebhookconfiguration',
  categories: ['api-extensions'],
  namespaced: false,
  model: 'V1MutatingWebhookConfiguration',
  columns: [
    {
      name: 'Webhooks',
      type: 'integer',
      description: 'Webhooks indicates the number of webhooks registered in this configuration',
      cell: (o) => (typed<V1MutatingWebhookConfiguration>(o).webhooks ?? []).length,
    },
  ],
};
