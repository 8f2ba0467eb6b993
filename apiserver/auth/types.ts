// The words authentication and authorization share: who is asking (UserInfo), what they ask
// (RequestAttributes), the answer (Decision), and the rbac.authorization.k8s.io/v1 objects RBAC
// decides from, in Kubernetes' own JSON shapes (field names as on the wire, so objects read from the
// store or written by the bootstrap policy are used as they are). Types only; no code.

/** Mirrors k8s.io/apiserver pkg/authentication/user.Info (DefaultInfo). */
export interface UserInfo {
  name: string;
  groups: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

/**
 * Mirrors k8s.io/apiserver pkg/authorization/authorizer.Attributes as built from the request info:
 * for a resource request `resource`/`subresource`/`name` and `namespace` (the namespace object's own
 * name for /api/v1/namespaces/{name}), `apiGroup` "" for the core group; otherwise `path`.
 */
export interface RequestAttributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  apiGroup?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

/** An authorizer's answer; `reason` is upstream's text (empty when there is nothing to say). */
export type Decision = { allowed: true; reason: string } | { allowed: false; reason: string };

/** rbac/v1 PolicyRule. `verbs` is required; the others are omitted (or null) when empty. */
export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[] | null;
  resources?: string[] | null;
  resourceNames?: string[] | null;
  nonResourceURLs?: string[] | null;
}

/** The part of metav1.ObjectMeta RBAC reads; other fields (uid, resourceVersion…) pass through. */
export interface RbacObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

/** metav1.LabelSelector as used in aggregationRule.clusterRoleSelectors. */
export interface RbacLabelSelector {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] | null }> | null;
}

export interface AggregationRule {
  clusterRoleSelectors?: RbacLabelSelector[] | null;
}

/** rbac/v1 Subject: kind User, Group (apiGroup rbac.authorization.k8s.io) or ServiceAccount (apiGroup ""). */
export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

/** rbac/v1 RoleRef: kind Role or ClusterRole, apiGroup rbac.authorization.k8s.io. */
export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface Role {
  apiVersion?: string;
  kind?: string;
  metadata: RbacObjectMeta;
  rules?: PolicyRule[] | null;
}

export interface ClusterRole {
  apiVersion?: string;
  kind?: string;
  metadata: RbacObjectMeta;
  rules?: PolicyRule[] | null;
  aggregationRule?: AggregationRule | null;
}

export interface RoleBinding {
  apiVersion?: string;
  kind?: string;
  metadata: RbacObjectMeta;
  subjects?: Subject[] | null;
  roleRef: RoleRef;
}

export interface ClusterRoleBinding {
  apiVersion?: string;
  kind?: string;
  metadata: RbacObjectMeta;
  subjects?: Subject[] | null;
  roleRef: RoleRef;
}

/**
 * What RBAC reads, as upstream's rule resolver does (RoleGetter, RoleBindingLister, ClusterRoleGetter,
 * ClusterRoleBindingLister in pkg/registry/rbac/validation/rule.go): roles are looked up by name,
 * bindings listed. Synchronous: the shell backs it with the watch cache or with plain arrays
 * (`snapshotOf` in rbac/snapshot.ts).
 */
export interface RbacSnapshot {
  role(namespace: string, name: string): Role | undefined;
  clusterRole(name: string): ClusterRole | undefined;
  roleBindings(namespace: string): readonly RoleBinding[];
  clusterRoleBindings(): readonly ClusterRoleBinding[];
}

/** authorization/v1 ResourceRule, as in SelfSubjectRulesReview status. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** authorization/v1 NonResourceRule. */
export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

/** authorization/v1 SubjectRulesReviewStatus. */
export interface SubjectRulesReviewStatus {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  evaluationError?: string;
}
