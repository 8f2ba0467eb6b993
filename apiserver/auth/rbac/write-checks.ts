// Whether a user may write a role or a binding without escalating: the decisions of upstream's
// policy-based RBAC storage, pure over an RbacSnapshot. Mirrors pkg/registry/rbac/role/policybased,
// clusterrole/policybased, rolebinding/policybased and clusterrolebinding/policybased storage.go:
//   roles/clusterroles: system:masters, or `escalate` on the role, or every rule already held; an
//     aggregationRule (new, or old on update) needs `*` on everything.
//   rolebindings/clusterrolebindings: system:masters, or `bind` on the referenced role, or every rule
//     of the referenced role already held.
// Rules held are resolved in the request's namespace ("" for cluster-scoped writes). Roles the
// registry cannot find give the registry's NotFound texts (plural resource), not the authorizer's.
// The shell calls these before create/update reaches storage; it skips bindings' check on updates
// that change only metadata.ownerReferences/finalizers (upstream's IsOnlyMutatingGCFields).
import { goQuote } from '../../selectors/label-selector.js';
import type { AggregationRule, PolicyRule, RbacSnapshot, RoleRef, UserInfo } from '../types.js';
import { aggregateErrors, authorize, getRoleReferenceRules, visitRulesFor } from './authorize.js';
import { bindAttributes, escalateAttributes, escalationAllowed, escalationError, forbiddenMessage, FULL_AUTHORITY } from './escalation.js';

export type WriteCheck =
  | { allowed: true }
  | { allowed: false; code: 403; reason: 'Forbidden'; message: string }
  | { allowed: false; code: 404; reason: 'NotFound'; message: string }
  | { allowed: false; code: 500; reason: 'InternalError'; message: string };

export interface RoleWrite {
  user: UserInfo;
  resource: 'roles' | 'clusterroles';
  /** create: the object's name (the URL has none); update (also patch/apply): the URL's name. */
  verb: 'create' | 'update';
  name: string;
  /** The request's namespace; absent for clusterroles. */
  namespace?: string;
  rules: readonly PolicyRule[];
  aggregationRule?: AggregationRule | null;
  /** On update: the stored object's aggregationRule. */
  oldAggregationRule?: AggregationRule | null;
}

export function checkRoleWrite(write: RoleWrite, snapshot: RbacSnapshot): WriteCheck {
  if (escalationAllowed(write.user)) return { allowed: true };
  // RoleEscalationAuthorized reads the request info: a create (POST to the collection) has no name.
  const target = { resource: write.resource, namespace: write.namespace, name: write.verb === 'update' ? write.name : undefined };
  if (authorize(escalateAttributes(write.user, target), snapshot).allowed) return { allowed: true };
  const owner = ownerRules(write.user, write.namespace ?? '', snapshot);
  const err = escalationError(write.user, { owner: owner.rules, granted: write.rules, resolutionError: owner.error });
  if (err !== undefined) return forbidden(write.resource, write.name, err);
  if (write.resource === 'clusterroles' && (hasAggregationRule(write.aggregationRule) || (write.verb === 'update' && hasAggregationRule(write.oldAggregationRule)))) {
    if (escalationError(write.user, { owner: owner.rules, granted: FULL_AUTHORITY }) !== undefined) {
      return forbidden(write.resource, write.name, 'must have cluster-admin privileges to use the aggregationRule');
    }
  }
  return { allowed: true };
}

export interface BindingWrite {
  user: UserInfo;
  resource: 'rolebindings' | 'clusterrolebindings';
  name: string;
  /** The request's namespace; absent for clusterrolebindings. */
  namespace?: string;
  roleRef: RoleRef;
}

export function checkBindingWrite(write: BindingWrite, snapshot: RbacSnapshot): WriteCheck {
  if (escalationAllowed(write.user)) return { allowed: true };
  const namespace = write.resource === 'rolebindings' ? write.namespace ?? '' : '';
  const bind = bindAttributes(write.user, write.roleRef, namespace);
  if (bind && authorize(bind, snapshot).allowed) return { allowed: true };
  const resolved = getRoleReferenceRules(write.roleRef, namespace, snapshot);
  if (!resolved.ok) {
    if (resolved.notFound) return { allowed: false, code: 404, reason: 'NotFound', message: registryNotFound(resolved.notFound) };
    return { allowed: false, code: 500, reason: 'InternalError', message: `Internal error occurred: ${resolved.message}` };
  }
  const owner = ownerRules(write.user, namespace, snapshot);
  const err = escalationError(write.user, { owner: owner.rules, granted: resolved.rules, resolutionError: owner.error });
  if (err !== undefined) return forbidden(write.resource, write.name, err);
  return { allowed: true };
}

export function hasAggregationRule(rule: AggregationRule | null | undefined): boolean {
  return (rule?.clusterRoleSelectors ?? []).length > 0;
}

/** The rules the user holds (RulesFor through the registry-backed resolver) and the aggregate of its errors. */
function ownerRules(user: UserInfo, namespace: string, snapshot: RbacSnapshot): { rules: PolicyRule[]; error?: string } {
  const rules: PolicyRule[] = [];
  const errors: string[] = [];
  visitRulesFor(user, namespace, snapshot, (v) => {
    if ('error' in v) errors.push(v.notFound ? registryNotFound(v.notFound) : v.error);
    else rules.push(v.rule);
    return true;
  });
  return errors.length > 0 ? { rules, error: aggregateErrors(errors) } : { rules };
}

function registryNotFound(notFound: { kind: 'Role' | 'ClusterRole'; name: string }): string {
  const resource = notFound.kind === 'Role' ? 'roles' : 'clusterroles';
  return `${resource}.rbac.authorization.k8s.io ${goQuote(notFound.name)} not found`;
}

function forbidden(resource: string, name: string, why: string): WriteCheck {
  return { allowed: false, code: 403, reason: 'Forbidden', message: forbiddenMessage(resource, name, why) };
}
