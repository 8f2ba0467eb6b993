// Builders for the bootstrap policy's objects, in rbac.authorization.k8s.io/v1 JSON. Mirrors the
// shape upstream's bootstrap policy objects have in a cluster (plugin/pkg/auth/authorizer/rbac/
// bootstrappolicy, testdata/*.yaml): label kubernetes.io/bootstrapping=rbac-defaults, annotation
// rbac.authorization.kubernetes.io/autoupdate=true, lists in rules sorted and de-duplicated (as
// upstream's PolicyRuleBuilder.Rule), subjects with their apiGroup.
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from '../types.js';

export const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
export const RBAC_GROUP = 'rbac.authorization.k8s.io';
export const BOOTSTRAP_LABELS: Readonly<Record<string, string>> = Object.freeze({ 'kubernetes.io/bootstrapping': 'rbac-defaults' });
export const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

export const READ = ['get', 'list', 'watch'] as const;
export const READ_WRITE = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'] as const;
export const READ_UPDATE = ['get', 'list', 'watch', 'update', 'patch'] as const;
/** Upstream's Write: everything but reading. */
export const WRITE = ['create', 'update', 'patch', 'delete', 'deletecollection'] as const;

export const LEGACY = '';

/** One PolicyRule under construction: `allow('get').groups('').resources('pods').names('x')`. */
export class RuleBuilder {
  private readonly rule: { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[] };

  constructor(verbs: readonly string[]) {
    this.rule = { verbs: [...verbs], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [] };
  }

  groups(...groups: string[]): this {
    this.rule.apiGroups.push(...groups);
    return this;
  }

  resources(...resources: string[]): this {
    this.rule.resources.push(...resources);
    return this;
  }

  names(...names: string[]): this {
    this.rule.resourceNames.push(...names);
    return this;
  }

  urls(...urls: string[]): this {
    this.rule.nonResourceURLs.push(...urls);
    return this;
  }

  /** The rule in Go's field order, each list sorted and unique, empty lists left out. */
  build(): PolicyRule {
    const out: PolicyRule = { verbs: sortedUnique(this.rule.verbs) };
    if (this.rule.apiGroups.length > 0) out.apiGroups = sortedUnique(this.rule.apiGroups);
    if (this.rule.resources.length > 0) out.resources = sortedUnique(this.rule.resources);
    if (this.rule.resourceNames.length > 0) out.resourceNames = sortedUnique(this.rule.resourceNames);
    if (this.rule.nonResourceURLs.length > 0) out.nonResourceURLs = sortedUnique(this.rule.nonResourceURLs);
    return out;
  }
}

export function allow(...verbs: string[]): RuleBuilder {
  return new RuleBuilder(verbs);
}

/** Upstream's eventsRule(): create/update/patch of events in the core and events.k8s.io groups. */
export function eventsRule(): RuleBuilder {
  return allow('create', 'update', 'patch').groups(LEGACY, 'events.k8s.io').resources('events');
}

function sortedUnique(list: readonly string[]): string[] {
  return [...new Set(list)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function meta(name: string, extra?: { namespace?: string; labels?: Record<string, string> }) {
  return {
    name,
    ...(extra?.namespace ? { namespace: extra.namespace } : {}),
    labels: { ...BOOTSTRAP_LABELS, ...(extra?.labels ?? {}) },
    annotations: { [AUTOUPDATE_ANNOTATION]: 'true' },
  };
}

export interface ClusterRoleOptions {
  labels?: Record<string, string>;
  /** Labels whose ClusterRoles this one aggregates (one matchLabels selector each). */
  aggregateFrom?: Array<Record<string, string>>;
}

export function clusterRole(name: string, rules: readonly RuleBuilder[], options: ClusterRoleOptions = {}): ClusterRole {
  const role: ClusterRole = { apiVersion: RBAC_API_VERSION, kind: 'ClusterRole', metadata: meta(name, { labels: options.labels }), rules: rules.map((r) => r.build()) };
  if (options.aggregateFrom) role.aggregationRule = { clusterRoleSelectors: options.aggregateFrom.map((matchLabels) => ({ matchLabels: { ...matchLabels } })) };
  return role;
}

export function role(namespace: string, name: string, rules: readonly RuleBuilder[]): Role {
  return { apiVersion: RBAC_API_VERSION, kind: 'Role', metadata: meta(name, { namespace }), rules: rules.map((r) => r.build()) };
}

export function users(...names: string[]): Subject[] {
  return names.map((name) => ({ apiGroup: RBAC_GROUP, kind: 'User', name }));
}

export function groups(...names: string[]): Subject[] {
  return names.map((name) => ({ apiGroup: RBAC_GROUP, kind: 'Group', name }));
}

export function serviceAccount(namespace: string, name: string): Subject {
  return { kind: 'ServiceAccount', name, namespace };
}

/** A ClusterRoleBinding named after the ClusterRole it binds. No subjects: `subjects` left out, as upstream's system:node. */
export function clusterRoleBinding(roleName: string, subjects: readonly Subject[]): ClusterRoleBinding {
  const binding: ClusterRoleBinding = {
    apiVersion: RBAC_API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: meta(roleName),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: roleName },
  };
  if (subjects.length > 0) binding.subjects = subjects.map((s) => ({ ...s }));
  return binding;
}

/** A RoleBinding of a Role of the same namespace. */
export function roleBinding(namespace: string, binding: { name: string; roleName: string; subjects: readonly Subject[] }): RoleBinding {
  return {
    apiVersion: RBAC_API_VERSION,
    kind: 'RoleBinding',
    metadata: meta(binding.name, { namespace }),
    roleRef: { apiGroup: RBAC_GROUP, kind: 'Role', name: binding.roleName },
    subjects: binding.subjects.map((s) => ({ ...s })),
  };
}
