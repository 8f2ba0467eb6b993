// RBAC rule and subject matching. Pure and synchronous.
// Mirrors k8s.io/kubernetes pkg/apis/rbac/v1/evaluation_helpers.go (VerbMatches, APIGroupMatches,
// ResourceMatches, ResourceNameMatches, NonResourceURLMatches), plugin/pkg/auth/authorizer/rbac/rbac.go
// (RuleAllows) and pkg/registry/rbac/validation/rule.go (appliesTo, appliesToUser, describeSubject).
import { goQuote } from '../../selectors/label-selector.js';
import type { PolicyRule, RequestAttributes, Subject, UserInfo } from '../types.js';

export const VERB_ALL = '*';
export const API_GROUP_ALL = '*';
export const RESOURCE_ALL = '*';
export const NON_RESOURCE_ALL = '*';

const SERVICE_ACCOUNT_PREFIX = 'system:serviceaccount:';

export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return (rule.verbs ?? []).some((v) => v === VERB_ALL || v === verb);
}

export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return (rule.apiGroups ?? []).some((g) => g === API_GROUP_ALL || g === group);
}

// `combined` is "resource" or "resource/subresource". A rule matches with `*`, the exact combined
// name, or `*/subresource` (only when the request names that subresource). `pods` does not match
// `pods/log`, and `*` matches every subresource too, as upstream.
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === RESOURCE_ALL || r === combined) return true;
    if (subresource.length === 0) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

/**
 * No resourceNames: any name, including none. With resourceNames the request's name must be listed,
 * so list, watch, create and deletecollection (which carry no name) never match such a rule.
 */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  const names = rule.resourceNames ?? [];
  if (names.length === 0) return true;
  return names.includes(name);
}

/** `*` matches every path; a trailing `*` is a prefix match (`/healthz/*` matches `/healthz/etcd`, not `/healthz`). */
export function nonResourceURLMatches(rule: PolicyRule, url: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === NON_RESOURCE_ALL || u === url) return true;
    if (u.endsWith('*') && url.startsWith(trimRightStars(u))) return true;
  }
  return false;
}

function trimRightStars(s: string): string {
  let end = s.length;
  while (end > 0 && s[end - 1] === '*') end--;
  return s.slice(0, end);
}

/** Mirrors RuleAllows: does this one rule allow the request? */
export function ruleAllows(attrs: RequestAttributes, rule: PolicyRule): boolean {
  if (attrs.resourceRequest) {
    const resource = attrs.resource ?? '';
    const subresource = attrs.subresource ?? '';
    const combined = subresource.length > 0 ? `${resource}/${subresource}` : resource;
    return (
      verbMatches(rule, attrs.verb) &&
      apiGroupMatches(rule, attrs.apiGroup ?? '') &&
      resourceMatches(rule, combined, subresource) &&
      resourceNameMatches(rule, attrs.name ?? '')
    );
  }
  return verbMatches(rule, attrs.verb) && nonResourceURLMatches(rule, attrs.path ?? '');
}

/** Mirrors RulesAllow: does any rule allow it? */
export function rulesAllow(attrs: RequestAttributes, rules: readonly PolicyRule[]): boolean {
  return rules.some((r) => ruleAllows(attrs, r));
}

/** The user name a service account authenticates as (serviceaccount.MakeUsername). */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_PREFIX}${namespace}:${name}`;
}

/**
 * Mirrors appliesToUser. A ServiceAccount subject without a namespace takes the binding's namespace
 * (`namespace`, "" for a ClusterRoleBinding, where it then matches nobody). Subject apiGroup is not
 * checked (validation does that); unknown kinds match nobody.
 */
export function appliesToUser(user: UserInfo, subject: Subject, namespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.name === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const saNamespace = subject.namespace ? subject.namespace : namespace;
      if (saNamespace.length === 0) return false;
      return user.name === serviceAccountUsername(saNamespace, subject.name);
    }
    default:
      return false;
  }
}

/** Mirrors appliesTo: the index of the first subject that applies, or -1. */
export function appliesTo(user: UserInfo, subjects: readonly Subject[] | null | undefined, namespace: string): number {
  const list = subjects ?? [];
  for (let i = 0; i < list.length; i++) {
    if (appliesToUser(user, list[i]!, namespace)) return i;
  }
  return -1;
}

/** Mirrors describeSubject, used in decision reasons: `User "jane"`, `ServiceAccount "name/namespace"`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  if (subject.kind === 'ServiceAccount') {
    const ns = subject.namespace ? subject.namespace : bindingNamespace;
    return `${subject.kind} ${goQuote(`${subject.name}/${ns}`)}`;
  }
  return `${subject.kind} ${goQuote(subject.name)}`;
}
