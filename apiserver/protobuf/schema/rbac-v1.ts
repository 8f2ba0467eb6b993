// Protobuf field tables of k8s.io/api/rbac/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const rbacV1 = defineSchema({
  package: 'k8s.io.api.rbac.v1',
  groupVersion: 'rbac.authorization.k8s.io/v1',
  kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  messages: {
    Role: ['1 metadata meta.ObjectMeta o', '2 rules []PolicyRule'],
    PolicyRule: [
      '1 verbs []string', '2 apiGroups []string o', '3 resources []string o', '4 resourceNames []string o',
      '5 nonResourceURLs []string o',
    ],
    ClusterRole: ['1 metadata meta.ObjectMeta o', '2 rules []PolicyRule', '3 aggregationRule AggregationRule po'],
    AggregationRule: ['1 clusterRoleSelectors []meta.LabelSelector o'],
    RoleBinding: ['1 metadata meta.ObjectMeta o', '2 subjects []Subject o', '3 roleRef RoleRef'],
    Subject: ['1 kind string', '2 apiGroup string o', '3 name string', '4 namespace string o'],
    RoleRef: ['1 apiGroup string', '2 kind string', '3 name string'],
    ClusterRoleBinding: ['1 metadata meta.ObjectMeta o', '2 subjects []Subject o', '3 roleRef RoleRef'],
  },
});
