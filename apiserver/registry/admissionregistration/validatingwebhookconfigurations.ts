import type { V1ValidatingWebhookConfiguration } from '@kubernetes/client-node';
import { typed } from '../columns/typed.js';
import type { ResourceEntry } from '../types.js';

export const validatingwebhookconfigurations: ResourceEntry = {
  group: 'admissionregistration.k8s.io',
  versions: ['v1'],
  kind: 'ValidatingWebhookConfiguration',
  plural: 'validatingwebhookconfigurations',
  singular: 'validatingwebhookconfiguration',
  categories: ['api-extensions'],
  namespaced: false,
  model: 'V1ValidatingWebhookConfiguration',
  columns: [
    {
      name: 'Webhooks',
      type: 'integer',
      description: 'Webhooks indicates the number of webhooks registered in this configuration',
      cell: (o) => (typed<V1ValidatingWebhookConfiguration>(o).webhooks ?? []).length,
    },
  ],
};
