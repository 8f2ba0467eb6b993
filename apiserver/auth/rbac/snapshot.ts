// An RbacSnapshot over plain arrays of RBAC objects: for tests, for the bootstrap policy, and for a
// shell that hands over what its watch cache lists. Pure; the arrays are indexed once and not copied,
// so the caller must not mutate them while the snapshot is in use.
import type { ClusterRole, ClusterRoleBinding, RbacSnapshot, Role, RoleBinding } from '../types.js';

export interface RbacObjects {
  roles?: readonly Role[];
  clusterRoles?: readonly ClusterRole[];
  roleBindings?: readonly RoleBinding[];
  clusterRoleBindings?: readonly ClusterRoleBinding[];
}

/** Bindings keep the given order, which decides which binding a decision's reason names. */
export function snapshotOf(objects: RbacObjects): RbacSnapshot {
  const roles = new Map<string, Role>();
  for (const r of objects.roles ?? []) roles.set(`${r.metadata.namespace ?? ''}/${r.metadata.name}`, r);
  const clusterRoles = new Map<string, ClusterRole>();
  for (const r of objects.clusterRoles ?? []) clusterRoles.set(r.metadata.name, r);
  const roleBindings = new Map<string, RoleBinding[]>();
  for (const b of objects.roleBindings ?? []) {
    const ns = b.metadata.namespace ?? '';
    const list = roleBindings.get(ns);
    if (list) list.push(b);
    else roleBindings.set(ns, [b]);
  }
  const clusterRoleBindings = objects.clusterRoleBindings ?? [];
  return {
    role: (namespace, name) => (namespace ? roles.get(`${namespace}/${name}`) : undefined),
    clusterRole: (name) => clusterRoles.get(name),
    roleBindings: (namespace) => roleBindings.get(namespace) ?? [],
    clusterRoleBindings: () => clusterRoleBindings,
  };
}
