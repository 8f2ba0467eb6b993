// RBAC escalation prevention: a user may only grant permissions they hold. Pure and synchronous.
// Mirrors k8s.io/component-helpers auth/rbac/validation/policy_comparator.go (Covers, breakdownRule,
// ruleCovers), pkg/registry/rbac/validation/policy_compact.go (CompactRules),
// pkg/apis/rbac/v1/evaluation_helpers.go (CompactString), pkg/registry/rbac/validation/rule.go
// (ConfirmNoEscalation) and pkg/registry/rbac/escalation_check.go (EscalationAllowed,
// RoleEscalationAuthorized, BindingAuthorized). The registry decisions themselves (which check runs
// for which write) live in write-checks.ts.
import { goQuote } from '../../selectors/label-selector.js';
import type { PolicyRule, RequestAttributes, RoleRef, UserInfo } from '../types.js';
import { API_GROUP_ALL, RESOURCE_ALL, VERB_ALL } from './rule-matches.js';

/** system:masters: the apiserver's privileged group, never checked for escalation (EscalationAllowed). */
export const SYSTEM_PRIVILEGED_GROUP = 'system:masters';

/** `*` on `*.*` and on every URL: what setting an aggregationRule requires (fullAuthority). */
export const FULL_AUTHORITY: readonly PolicyRule[] = Object.freeze([
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
]);

/**
 * Mirrors Covers: breaks each servant rule down to one group, resource, verb and resource name (or
 * one URL and verb), and returns the pieces no owner rule covers, in order.
 */
export function uncoveredRules(ownerRules: readonly PolicyRule[], servantRules: readonly PolicyRule[]): PolicyRule[] {
  const uncovered: PolicyRule[] = [];
  for (const servant of servantRules) {
    for (const sub of breakdownRule(servant)) {
      if (!ownerRules.some((owner) => ruleCovers(owner, sub))) uncovered.push(sub);
    }
  }
  return uncovered;
}

export function covers(ownerRules: readonly PolicyRule[], servantRules: readonly PolicyRule[]): boolean {
  return uncoveredRules(ownerRules, servantRules).length === 0;
}

function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  const verbs = rule.verbs ?? [];
  const names = rule.resourceNames ?? [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of verbs) {
        if (names.length > 0) {
          for (const name of names) out.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        } else {
          out.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
        }
      }
    }
  }
  // Non-resource URLs only combine with verbs.
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of verbs) out.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return out;
}

function hasAll(set: readonly string[] | null | undefined, contains: readonly string[] | null | undefined): boolean {
  const owning = new Set(set ?? []);
  return (contains ?? []).every((e) => owning.has(e));
}

function nonResourceURLCovers(ownerPath: string, subPath: string): boolean {
  if (ownerPath === subPath) return true;
  return ownerPath.endsWith('*') && subPath.startsWith(ownerPath.replace(/\*+$/, ''));
}

// Mirrors ruleCovers. Note the asymmetries upstream has: `*/scale` or `pods/*` in an owner rule cover
// only that literal string, and an owner rule limited to resourceNames never covers a servant rule
// without names.
function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const ov = owner.verbs ?? [];
  const og = owner.apiGroups ?? [];
  const or = owner.resources ?? [];
  const verbMatches = ov.includes(VERB_ALL) || hasAll(ov, sub.verbs);
  const groupMatches = og.includes(API_GROUP_ALL) || hasAll(og, sub.apiGroups);
  const resourceMatches = or.includes(RESOURCE_ALL) || hasAll(or, sub.resources);
  const urlMatches = (sub.nonResourceURLs ?? []).every((p) => (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, p)));
  const ownerNames = owner.resourceNames ?? [];
  const subNames = sub.resourceNames ?? [];
  const nameMatches = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return verbMatches && groupMatches && resourceMatches && nameMatches && urlMatches;
}

/**
 * Mirrors CompactRules: rules with exactly one group and one resource and nothing but verbs are
 * merged per group/resource (verbs appended in order); the others are kept as they are.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const rule of rules) {
    const key = simpleResourceKey(rule);
    if (key === undefined) {
      compacted.push(rule);
      continue;
    }
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...(rule.verbs ?? [])];
    else simple.set(key, { apiGroups: [...rule.apiGroups!], resources: [...rule.resources!], verbs: [...(rule.verbs ?? [])] });
  }
  return [...compacted, ...simple.values()];
}

function simpleResourceKey(rule: PolicyRule): string | undefined {
  if ((rule.resourceNames ?? []).length > 0 || (rule.nonResourceURLs ?? []).length > 0) return undefined;
  if ((rule.apiGroups ?? []).length !== 1 || (rule.resources ?? []).length !== 1) return undefined;
  return JSON.stringify([rule.apiGroups![0], rule.resources![0]]);
}

/** Go's %q of a []string: `["a" "b"]`. */
function goQuoteList(list: readonly string[]): string {
  return `[${list.map(goQuote).join(' ')}]`;
}

/** Mirrors CompactString: `{APIGroups:[""], Resources:["pods"], Verbs:["delete"]}`, empty fields left out. */
export function compactString(rule: PolicyRule): string {
  const parts: string[] = [];
  if ((rule.apiGroups ?? []).length > 0) parts.push(`APIGroups:${goQuoteList(rule.apiGroups!)}`);
  if ((rule.resources ?? []).length > 0) parts.push(`Resources:${goQuoteList(rule.resources!)}`);
  if ((rule.nonResourceURLs ?? []).length > 0) parts.push(`NonResourceURLs:${goQuoteList(rule.nonResourceURLs!)}`);
  if ((rule.resourceNames ?? []).length > 0) parts.push(`ResourceNames:${goQuoteList(rule.resourceNames!)}`);
  if ((rule.verbs ?? []).length > 0) parts.push(`Verbs:${goQuoteList(rule.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/**
 * Mirrors ConfirmNoEscalation: undefined when `ownerRules` (what the user holds in the request's
 * namespace, or cluster-wide) cover `rules`; otherwise upstream's error text, the missing rules
 * compacted, de-duplicated and sorted, one a line, plus `; resolution errors: [<err>]` when resolving
 * the owner's rules hit missing roles (`resolutionError`: the aggregate's text, see aggregateErrors).
 */
export function escalationError(user: UserInfo, rules: { owner: readonly PolicyRule[]; granted: readonly PolicyRule[]; resolutionError?: string }): string | undefined {
  const missing = uncoveredRules(rules.owner, rules.granted);
  if (missing.length === 0) return undefined;
  const descriptions = [...new Set(compactRules(missing).map(compactString))].sort(compareBytes);
  let msg = `user ${goQuote(user.name)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (rules.resolutionError) msg += `; resolution errors: [${rules.resolutionError}]`;
  return msg;
}

/** Mirrors errors.NewForbidden's message: `roles.rbac.authorization.k8s.io "x" is forbidden: <why>`. */
export function forbiddenMessage(resource: string, name: string, why: string): string {
  const qualified = `${resource}.rbac.authorization.k8s.io`;
  return name ? `${qualified} ${goQuote(name)} is forbidden: ${why}` : `${qualified} is forbidden: ${why}`;
}

/** Mirrors EscalationAllowed: members of system:masters skip every escalation check. */
export function escalationAllowed(user: UserInfo): boolean {
  return user.groups.includes(SYSTEM_PRIVILEGED_GROUP);
}

/**
 * The attributes RoleEscalationAuthorized asks the authorizer about: verb `escalate` on the roles or
 * clusterroles being written (named, in the request's namespace). Holding it lets a user write any
 * rules into that role.
 */
export function escalateAttributes(user: UserInfo, target: { resource: 'roles' | 'clusterroles'; name?: string; namespace?: string }): RequestAttributes {
  const attrs: RequestAttributes = { user, verb: 'escalate', resourceRequest: true, apiGroup: 'rbac.authorization.k8s.io', resource: target.resource };
  if (target.name) attrs.name = target.name;
  if (target.namespace) attrs.namespace = target.namespace;
  return attrs;
}

/**
 * The attributes BindingAuthorized asks about: verb `bind` on the referenced role (roles or
 * clusterroles, by name, in the roleRef's apiGroup) in the binding's namespace ("" for a
 * ClusterRoleBinding). Undefined for an unknown roleRef kind (never authorized).
 */
export function bindAttributes(user: UserInfo, roleRef: RoleRef, bindingNamespace: string): RequestAttributes | undefined {
  let resource: string;
  if (roleRef.kind === 'ClusterRole') resource = 'clusterroles';
  else if (roleRef.kind === 'Role') resource = 'roles';
  else return undefined;
  const attrs: RequestAttributes = { user, verb: 'bind', resourceRequest: true, apiGroup: roleRef.apiGroup, resource, name: roleRef.name };
  if (bindingNamespace) attrs.namespace = bindingNamespace;
  return attrs;
}

function compareBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
