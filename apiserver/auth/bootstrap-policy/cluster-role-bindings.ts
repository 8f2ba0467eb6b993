// The ClusterRoleBindings of upstream's bootstrap policy for its non-controller roles. Facts from
// plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go ClusterRoleBindings() (rendered in
// testdata/cluster-role-bindings.yaml). The controllers' bindings are in controller-roles.ts.
import type { ClusterRoleBinding } from '../types.js';
import { clusterRoleBinding, groups, users } from './builders.js';

export function systemClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    // system:masters is all-powerful through this binding, not through a special case in RBAC.
    clusterRoleBinding('cluster-admin', groups('system:masters')),
    clusterRoleBinding('system:monitoring', groups('system:monitoring')),
    // Discovery and basic self-review are for authenticated users only (since v1.14).
    clusterRoleBinding('system:discovery', groups('system:authenticated')),
    clusterRoleBinding('system:basic-user', groups('system:authenticated')),
    clusterRoleBinding('system:public-info-viewer', groups('system:authenticated', 'system:unauthenticated')),
    clusterRoleBinding('system:node-proxier', users('system:kube-proxy')),
    clusterRoleBinding('system:kube-controller-manager', users('system:kube-controller-manager')),
    clusterRoleBinding('system:kube-dns', [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }]),
    clusterRoleBinding('system:kube-scheduler', users('system:kube-scheduler')),
    clusterRoleBinding('system:volume-scheduler', users('system:kube-scheduler')),
    // Kept without subjects since the Node authorizer (v1.7); nodes get their access from it.
    clusterRoleBinding('system:node', []),
    // In-cluster workloads may read the service account issuer's OIDC discovery documents.
    clusterRoleBinding('system:service-account-issuer-discovery', groups('system:serviceaccounts')),
  ];
}
