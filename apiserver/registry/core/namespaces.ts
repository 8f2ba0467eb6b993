import type { ResourceEntry } from '../types.js';

export const namespaces: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: [
    { name: 'status', kind: 'Namespace', verbs: ['get', 'patch', 'update'] },
    { name: 'finalize', kind: 'Namespace', verbs: ['update'] },
  ],
  model: 'V1Namespace',
  hasStatus: true,
  columns: [{ name: 'Status', type: 'string', description: 'The status of the namespace', cell: (o) => String((o.status as { phase?: string } | undefined)?.phase ?? '') }],
  fieldSelectors: { 'status.phase': (o) => (o.status as { phase?: string } | undefined)?.phase },
};
