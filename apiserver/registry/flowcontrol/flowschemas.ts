import type { V1FlowSchema } from '@kubernetes/client-node';
import { ageColumn } from '../columns/age.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const fs = (o: KubeObject) => typed<V1FlowSchema>(o);

export const flowschemas: ResourceEntry = {
  group: 'flowcontrol.apiserver.k8s.io',
  versions: ['v1'],
  kind: 'FlowSchema',
  plural: 'flowschemas',
  singular: 'flowschema',
  namespaced: false,
  subresources: [{ name: 'status', kind: 'FlowSchema', verbs: ['get', 'patch', 'update'] }],
  model: 'V1FlowSchema',
  hasStatus: true,
  columns: [
    {
      name: 'PriorityLevel',
      type: 'string',
      description: 'The priority level configuration requests are assigned to.',
      cell: (o) => fs(o).spec?.priorityLevelConfiguration?.name ?? '',
    },
    { name: 'MatchingPrecedence', type: 'string', description: 'Lower values match first.', cell: (o) => fs(o).spec?.matchingPrecedence ?? 1000 },
    {
      name: 'DistinguisherMethod',
      type: 'string',
      description: 'How flows are told apart.',
      cell: (o) => fs(o).spec?.distinguisherMethod?.type ?? '<none>',
    },
    ageColumn,
    {
      name: 'MissingPL',
      type: 'string',
      description: 'references a broken or non-existent PriorityLevelConfiguration',
      cell: (o) => (fs(o).status?.conditions ?? []).find((c) => c.type === 'Dangling')?.status ?? '?',
    },
  ],
};
