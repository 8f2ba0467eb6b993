// Escalation prevention on writes of roles and bindings (upstream's policy-based RBAC storage): a user
// may only create or update a role whose rules they already hold (or with `escalate`), and only bind a
// role they hold (or with `bind`). Runs in admission, after validation, for create, update and patch.
import { StatusError } from '../../errors.js';
import type { ApiContext } from '../../handlers/context.js';
import type { KubeObject } from '../../registry/types.js';
import type { AggregationRule, PolicyRule, RoleRef } from '../types.js';
import { checkBindingWrite, checkRoleWrite, type WriteCheck } from '../rbac/write-checks.js';
import type { RbacCache } from './rbac-cache.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function rbacWriteAdmission(cache: RbacCache): (ctx: ApiContext, obj: KubeObject, old?: KubeObject) => void {
  return (ctx, obj, old) => {
    if (ctx.entry.group !== RBAC_GROUP || ctx.info.subresource) return;
    const resource = ctx.entry.plural;
    const name = obj.metadata?.name ?? '';
    const namespace = ctx.entry.namespaced ? ctx.info.namespace : undefined;
    let check: WriteCheck;
    if (resource === 'roles' || resource === 'clusterroles') {
      const write: Parameters<typeof checkRoleWrite>[0] = {
        user: ctx.user,
        resource,
        verb: old ? 'update' : 'create',
        name,
        rules: (obj.rules as PolicyRule[] | undefined) ?? [],
        aggregationRule: (obj.aggregationRule as AggregationRule | undefined) ?? null,
        oldAggregationRule: (old?.aggregationRule as AggregationRule | undefined) ?? null,
      };
      if (namespace) write.namespace = namespace;
      check = checkRoleWrite(write, cache.snapshot());
    } else if (resource === 'rolebindings' || resource === 'clusterrolebindings') {
      if (old && onlyGcFieldsChanged(obj, old)) return;
      const write: Parameters<typeof checkBindingWrite>[0] = { user: ctx.user, resource, name, roleRef: obj.roleRef as RoleRef };
      if (namespace) write.namespace = namespace;
      check = checkBindingWrite(write, cache.snapshot());
    } else return;
    if (!check.allowed) throw new StatusError(check.code, check.reason, check.message, { name, group: RBAC_GROUP, kind: resource });
  };
}

/** upstream's IsOnlyMutatingGCFields: ownerReferences and finalizers may change without a bind check. */
function onlyGcFieldsChanged(obj: KubeObject, old: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { ownerReferences: _o, finalizers: _f, managedFields: _m, resourceVersion: _r, ...meta } = o.metadata ?? {};
    return JSON.stringify({ ...o, metadata: meta });
  };
  return strip(obj) === strip(old);
}
