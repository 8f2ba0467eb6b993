// ROLE and the -o wide subject columns shared by rolebindings and clusterrolebindings
// (upstream printRoleBinding and rbac.SubjectsStrings).
import type { RbacV1Subject, V1RoleBinding } from '@kubernetes/client-node';
import type { KubeObject, TableColumn } from '../types.js';
import { typed } from './typed.js';

const binding = (o: KubeObject) => typed<V1RoleBinding>(o);

/** Names of subjects of one kind, `, `-joined; service accounts as `namespace/name`. */
function subjects(o: KubeObject, kind: string): string {
  return (binding(o).subjects ?? [])
    .filter((s: RbacV1Subject) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(', ');
}

export function bindingColumns(noun: string): TableColumn[] {
  return [
    {
      name: 'Role',
      type: 'string',
      description: 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.',
      cell: (o) => `${binding(o).roleRef?.kind ?? ''}/${binding(o).roleRef?.name ?? ''}`,
    },
    { name: 'Users', type: 'string', priority: 1, description: `Users in the ${noun}`, cell: (o) => subjects(o, 'User') },
    { name: 'Groups', type: 'string', priority: 1, description: `Groups in the ${noun}`, cell: (o) => subjects(o, 'Group') },
    { name: 'ServiceAccounts', type: 'string', priority: 1, description: `ServiceAccounts in the ${noun}`, cell: (o) => subjects(o, 'ServiceAccount') },
  ];
}
