// Upstream's bootstrap RBAC policy as k8ts serves it: the ClusterRoles, ClusterRoleBindings and the
// kube-system/kube-public Roles and RoleBindings a new cluster starts with, as
// rbac.authorization.k8s.io/v1 JSON objects. Pure: every call returns fresh objects, which the
// apiserver's start-up reconciles into the store (creating missing ones, as upstream's
// PostStartHook "rbac/bootstrap-roles" does). Aggregated roles (admin, edit, view) come with empty
// rules; run aggregateClusterRoles (rbac/aggregation.ts) or the aggregation controller to fill them.
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from '../types.js';
import { systemClusterRoleBindings } from './cluster-role-bindings.js';
import { controllerClusterRoleBindings, controllerClusterRoles } from './controller-roles.js';
import { namespaceRoleBindings, namespaceRoles } from './namespace-roles.js';
import { systemClusterRoles } from './system-roles.js';
import { userFacingClusterRoles } from './user-facing-roles.js';

export interface BootstrapPolicy {
  clusterRoles: ClusterRole[];
  clusterRoleBindings: ClusterRoleBinding[];
  /** Keyed by namespace. */
  roles: Record<string, Role[]>;
  roleBindings: Record<string, RoleBinding[]>;
}

export function bootstrapPolicy(): BootstrapPolicy {
  return {
    clusterRoles: byName([...userFacingClusterRoles(), ...systemClusterRoles(), ...controllerClusterRoles()]),
    clusterRoleBindings: byName([...systemClusterRoleBindings(), ...controllerClusterRoleBindings()]),
    roles: namespaceRoles(),
    roleBindings: namespaceRoleBindings(),
  };
}

function byName<T extends { metadata: { name: string } }>(objects: T[]): T[] {
  return objects.sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
}
