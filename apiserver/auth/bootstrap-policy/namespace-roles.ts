// The Roles and RoleBindings upstream's bootstrap policy creates in kube-system and kube-public.
// Facts from plugin/pkg/auth/authorizer/rbac/bootstrappolicy/namespace_policy.go as rendered in
// testdata/namespace-roles.yaml and namespace-role-bindings.yaml.
import type { Role, RoleBinding } from '../types.js';
import { allow, eventsRule, LEGACY, READ, role, roleBinding, serviceAccount, users } from './builders.js';

const KUBE_SYSTEM = 'kube-system';
const KUBE_PUBLIC = 'kube-public';
const LEADER_LOCKING_VERBS = ['watch', 'create', 'get', 'list', 'update'];

export function namespaceRoles(): Record<string, Role[]> {
  return {
    [KUBE_SYSTEM]: [
      // Lets extension apiservers read the client CA and request-header settings.
      role(KUBE_SYSTEM, 'extension-apiserver-authentication-reader', [
        allow(...READ).groups(LEGACY).resources('configmaps').names('extension-apiserver-authentication'),
      ]),
      role(KUBE_SYSTEM, 'system::leader-locking-kube-controller-manager', [
        allow(...LEADER_LOCKING_VERBS).groups('coordination.k8s.io').resources('leases'),
        allow(...LEADER_LOCKING_VERBS).groups('coordination.k8s.io').resources('leasecandidates'),
      ]),
      role(KUBE_SYSTEM, 'system::leader-locking-kube-scheduler', [
        allow(...LEADER_LOCKING_VERBS).groups('coordination.k8s.io').resources('leases'),
        allow(...LEADER_LOCKING_VERBS).groups('coordination.k8s.io').resources('leasecandidates'),
      ]),
      role(KUBE_SYSTEM, 'system:controller:bootstrap-signer', [allow(...READ).groups(LEGACY).resources('secrets')]),
      role(KUBE_SYSTEM, 'system:controller:cloud-provider', [allow('create', 'get', 'list', 'watch').groups(LEGACY).resources('configmaps')]),
      role(KUBE_SYSTEM, 'system:controller:token-cleaner', [allow('delete', ...READ).groups(LEGACY).resources('secrets'), eventsRule()]),
    ],
    [KUBE_PUBLIC]: [
      // Signs the cluster-info config map that kubeadm-style joins read anonymously.
      role(KUBE_PUBLIC, 'system:controller:bootstrap-signer', [
        allow(...READ).groups(LEGACY).resources('configmaps'),
        allow('update').groups(LEGACY).resources('configmaps').names('cluster-info'),
        eventsRule(),
      ]),
    ],
  };
}

export function namespaceRoleBindings(): Record<string, RoleBinding[]> {
  return {
    [KUBE_SYSTEM]: [
      roleBinding(KUBE_SYSTEM, {
        name: 'system::extension-apiserver-authentication-reader',
        roleName: 'extension-apiserver-authentication-reader',
        subjects: users('system:kube-controller-manager', 'system:kube-scheduler'),
      }),
      roleBinding(KUBE_SYSTEM, {
        name: 'system::leader-locking-kube-controller-manager',
        roleName: 'system::leader-locking-kube-controller-manager',
        subjects: [
          ...users('system:kube-controller-manager'),
          serviceAccount(KUBE_SYSTEM, 'kube-controller-manager'),
          serviceAccount(KUBE_SYSTEM, 'leader-election-controller'),
        ],
      }),
      roleBinding(KUBE_SYSTEM, {
        name: 'system::leader-locking-kube-scheduler',
        roleName: 'system::leader-locking-kube-scheduler',
        subjects: [...users('system:kube-scheduler'), serviceAccount(KUBE_SYSTEM, 'kube-scheduler')],
      }),
      roleBinding(KUBE_SYSTEM, {
        name: 'system:controller:bootstrap-signer',
        roleName: 'system:controller:bootstrap-signer',
        subjects: [serviceAccount(KUBE_SYSTEM, 'bootstrap-signer')],
      }),
      roleBinding(KUBE_SYSTEM, {
        name: 'system:controller:cloud-provider',
        roleName: 'system:controller:cloud-provider',
        subjects: [serviceAccount(KUBE_SYSTEM, 'cloud-provider')],
      }),
      roleBinding(KUBE_SYSTEM, {
        name: 'system:controller:token-cleaner',
        roleName: 'system:controller:token-cleaner',
        subjects: [serviceAccount(KUBE_SYSTEM, 'token-cleaner')],
      }),
    ],
    [KUBE_PUBLIC]: [
      roleBinding(KUBE_PUBLIC, {
        name: 'system:controller:bootstrap-signer',
        roleName: 'system:controller:bootstrap-signer',
        subjects: [serviceAccount(KUBE_SYSTEM, 'bootstrap-signer')],
      }),
    ],
  };
}
