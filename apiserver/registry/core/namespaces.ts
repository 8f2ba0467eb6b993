import type { ResourceEntry } from '../types.js';

export const namespaces: ResourceEntry = {
  group: '',
  versions: ['v1'],
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  nameRule: 'dns1123-label',
  verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  subresources: [
    { name: 'status', kind: 'Namespace', verbs: ['get', 'patch', 'update'] },
    { name: 'finalize', kind: 'Namespace', verbs: ['update'] },
  ],
  model: 'V1Namespace',
  hasStatus: true,
  strategy: {
    // mirrors upstream's namespace strategy: the `kubernetes` finalizer, phase Active, the name label.
    prepareForCreate(obj) {
      const spec = (obj.spec ?? {}) as { finalizers?: string[] };
      if (!spec.finalizers?.includes('kubernetes')) spec.finalizers = [...(spec.finalizers ?? []), 'kubernetes'];
      obj.spec = spec;
      obj.status = { phase: 'Active' };
      const meta = obj.metadata!;
      meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name! };
    },
    prepareForUpdate(obj) {
      const meta = obj.metadata!;
      meta.labels = { ...meta.labels, 'kubernetes.io/metadata.name': meta.name! };
    },
  },
  columns: [{ name: 'Status', type: 'string', description: 'The status of the namespace', cell: (o) => String((o.status as { phase?: string } | undefined)?.phase ?? '') }],
  fieldSelectors: { 'status.phase': (o) => (o.status as { phase?: string } | undefined)?.phase },
};
