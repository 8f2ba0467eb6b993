// The RBAC authorizer and rule resolver. Pure and synchronous over an RbacSnapshot.
// Mirrors k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac/rbac.go (Authorize, RulesFor) and
// pkg/registry/rbac/validation/rule.go (DefaultRuleResolver.VisitRulesFor, GetRoleReferenceRules):
// ClusterRoleBindings first, then the RoleBindings of the request's namespace (which may reference a
// Role of that namespace or a ClusterRole); allowed as soon as one rule matches. Nothing is special
// about system:masters here: the bootstrap cluster-admin ClusterRoleBinding grants it.
import { goQuote } from '../../selectors/label-selector.js';
import type {
  ClusterRoleBinding,
  Decision,
  NonResourceRule,
  PolicyRule,
  RbacSnapshot,
  RequestAttributes,
  ResourceRule,
  RoleBinding,
  RoleRef,
  SubjectRulesReviewStatus,
  UserInfo,
} from '../types.js';
import { appliesTo, describeSubject, ruleAllows } from './rule-matches.js';

/** A role reference that resolves, or why not. `notFound` names what is missing (for registry-style messages). */
export type RoleReferenceRules =
  | { ok: true; rules: PolicyRule[] }
  | { ok: false; message: string; notFound?: { kind: 'Role' | 'ClusterRole'; name: string } };

/**
 * Mirrors GetRoleReferenceRules. `bindingNamespace` is "" for a ClusterRoleBinding, so one that
 * references a Role finds none. Messages are the informer listers' NotFound texts, as the authorizer's.
 */
export function getRoleReferenceRules(roleRef: RoleRef, bindingNamespace: string, snapshot: RbacSnapshot): RoleReferenceRules {
  switch (roleRef.kind) {
    case 'Role': {
      const role = snapshot.role(bindingNamespace, roleRef.name);
      if (!role) return { ok: false, message: `role.rbac.authorization.k8s.io ${goQuote(roleRef.name)} not found`, notFound: { kind: 'Role', name: roleRef.name } };
      return { ok: true, rules: role.rules ?? [] };
    }
    case 'ClusterRole': {
      const role = snapshot.clusterRole(roleRef.name);
      if (!role) return { ok: false, message: `clusterrole.rbac.authorization.k8s.io ${goQuote(roleRef.name)} not found`, notFound: { kind: 'ClusterRole', name: roleRef.name } };
      return { ok: true, rules: role.rules ?? [] };
    }
    default:
      return { ok: false, message: `unsupported role reference kind: ${goQuote(roleRef.kind)}` };
  }
}

/**
 * Called with each rule that applies to the user in the namespace (with `source` describing the
 * binding, as in a decision's reason) or with a resolution error; return false to stop.
 */
export type RuleVisitor = (visit: { source: string; rule: PolicyRule } | { error: string; notFound?: { kind: 'Role' | 'ClusterRole'; name: string } }) => boolean;

/**
 * How an authorization reason names a binding and its i-th subject (`namespace` "": a ClusterRoleBinding).
 * Bindings are the snapshot's objects, unchanged while they are current: each is worded once per binding,
 * subject and namespace, not on every request.
 */
const sources = new WeakMap<object, Map<string, string>>();
function sourceOf(binding: ClusterRoleBinding | RoleBinding, i: number, namespace: string): string {
  let words = sources.get(binding);
  if (!words) sources.set(binding, (words = new Map()));
  const key = `${i}/${namespace}`;
  let source = words.get(key);
  if (source === undefined) {
    const ref = binding.roleRef;
    const subject = describeSubject(binding.subjects![i]!, namespace);
    source = namespace
      ? `RoleBinding ${goQuote(`${binding.metadata.name}/${namespace}`)} of ${ref.kind} ${goQuote(ref.name)} to ${subject}`
      : `ClusterRoleBinding ${goQuote(binding.metadata.name ?? '')} of ${ref.kind} ${goQuote(ref.name)} to ${subject}`;
    words.set(key, source);
  }
  return source;
}

/** Mirrors DefaultRuleResolver.VisitRulesFor. `namespace` "" visits cluster role bindings only. */
export function visitRulesFor(user: UserInfo, namespace: string, snapshot: RbacSnapshot, visitor: RuleVisitor): void {
  for (const binding of snapshot.clusterRoleBindings()) {
    const i = appliesTo(user, binding.subjects, '');
    if (i < 0) continue;
    const resolved = getRoleReferenceRules(binding.roleRef, '', snapshot);
    if (!resolved.ok) {
      if (!visitor(resolved.notFound ? { error: resolved.message, notFound: resolved.notFound } : { error: resolved.message })) return;
      continue;
    }
    const source = sourceOf(binding, i, '');
    for (const rule of resolved.rules) if (!visitor({ source, rule })) return;
  }
  if (namespace.length === 0) return;
  for (const binding of snapshot.roleBindings(namespace)) {
    const i = appliesTo(user, binding.subjects, namespace);
    if (i < 0) continue;
    const resolved = getRoleReferenceRules(binding.roleRef, namespace, snapshot);
    if (!resolved.ok) {
      if (!visitor(resolved.notFound ? { error: resolved.message, notFound: resolved.notFound } : { error: resolved.message })) return;
      continue;
    }
    const source = sourceOf(binding, i, binding.metadata.namespace ?? namespace);
    for (const rule of resolved.rules) if (!visitor({ source, rule })) return;
  }
}

/**
 * Mirrors RBACAuthorizer.Authorize. Allowed: `RBAC: allowed by <source>`. Denied (upstream's
 * NoOpinion): reason "" or `RBAC: <resolution errors>` when some binding's role could not be found.
 */
export function authorize(attrs: RequestAttributes, snapshot: RbacSnapshot): Decision {
  let reason: string | undefined;
  const errors: string[] = [];
  visitRulesFor(attrs.user, attrs.namespace ?? '', snapshot, (v) => {
    if ('error' in v) {
      errors.push(v.error);
      return true;
    }
    if (ruleAllows(attrs, v.rule)) {
      reason = `RBAC: allowed by ${v.source}`;
      return false;
    }
    return true;
  });
  if (reason !== undefined) return { allowed: true, reason };
  return { allowed: false, reason: errors.length > 0 ? `RBAC: ${aggregateErrors(errors)}` : '' };
}

/** Mirrors DefaultRuleResolver.RulesFor: every rule that applies, and the resolution errors. */
export function resolveRules(user: UserInfo, namespace: string, snapshot: RbacSnapshot): { rules: PolicyRule[]; errors: string[] } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(user, namespace, snapshot, (v) => {
    if ('error' in v) errors.push(v.error);
    else rules.push(v.rule);
    return true;
  });
  return { rules, errors };
}

/**
 * Mirrors RBACAuthorizer.RulesFor as a SelfSubjectRulesReview status: a rule with resources becomes a
 * resource rule, one with nonResourceURLs a non-resource rule (a rule with both gives both). RBAC's
 * answer is never incomplete; resolution errors become `evaluationError`.
 */
export function rulesFor(user: UserInfo, namespace: string, snapshot: RbacSnapshot): SubjectRulesReviewStatus {
  const { rules, errors } = resolveRules(user, namespace, snapshot);
  const resourceRules: ResourceRule[] = [];
  const nonResourceRules: NonResourceRule[] = [];
  for (const rule of rules) {
    if ((rule.resources ?? []).length > 0) {
      const r: ResourceRule = { verbs: [...(rule.verbs ?? [])] };
      if ((rule.apiGroups ?? []).length > 0) r.apiGroups = [...rule.apiGroups!];
      r.resources = [...rule.resources!];
      if ((rule.resourceNames ?? []).length > 0) r.resourceNames = [...rule.resourceNames!];
      resourceRules.push(r);
    }
    if ((rule.nonResourceURLs ?? []).length > 0) {
      nonResourceRules.push({ verbs: [...(rule.verbs ?? [])], nonResourceURLs: [...rule.nonResourceURLs!] });
    }
  }
  const status: SubjectRulesReviewStatus = { resourceRules, nonResourceRules, incomplete: false };
  if (errors.length > 0) status.evaluationError = aggregateErrors(errors);
  return status;
}

/** Mirrors utilerrors.NewAggregate(errs).Error(): one message as is, several de-duplicated in `[a, b]`. */
export function aggregateErrors(messages: readonly string[]): string {
  if (messages.length === 0) return '';
  if (messages.length === 1) return messages[0]!;
  const seen = [...new Set(messages)];
  return seen.length === 1 ? seen[0]! : `[${seen.join(', ')}]`;
}
