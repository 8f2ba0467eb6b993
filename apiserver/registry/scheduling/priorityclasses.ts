import type { V1PriorityClass } from '@kubernetes/client-node';
import { ageColumn } from '../columns/age.js';
import { typed } from '../columns/typed.js';
import type { KubeObject, ResourceEntry } from '../types.js';

const pc = (o: KubeObject) => typed<V1PriorityClass>(o);

export const priorityclasses: ResourceEntry = {
  group: 'scheduling.k8s.io',
  versions: ['v1'],
  kind: 'PriorityClass',
  plural: 'priorityclasses',
  singular: 'priorityclass',
  shortNames: ['pc'],
  namespaced: false,
  model: 'V1PriorityClass',
  columns: [
    { name: 'Value', type: 'integer', description: 'The priority pods of this class receive.', cell: (o) => pc(o).value },
    { name: 'Global-Default', type: 'boolean', description: 'Whether this is the default priority class.', cell: (o) => pc(o).globalDefault ?? false },
    ageColumn,
    { name: 'PreemptionPolicy', type: 'string', description: 'Whether pods of this class may preempt others.', cell: (o) => pc(o).preemptionPolicy ?? '' },
  ],
};
