// The bootstrap RBAC policy written at every start (upstream's RBAC post-start hook): missing roles and
// bindings are created; existing ones annotated `rbac.authorization.kubernetes.io/autoupdate: "true"`
// gain the rules, labels and subjects the policy adds (extra ones a user added stay); others are left
// as the user made them.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { timestamp } from '../../handlers/object-meta.js';
import { clusterrolebindings } from '../../registry/rbac/clusterrolebindings.js';
import { clusterroles } from '../../registry/rbac/clusterroles.js';
import { rolebindings } from '../../registry/rbac/rolebindings.js';
import { roles } from '../../registry/rbac/roles.js';
import type { KubeObject, ResourceEntry } from '../../registry/types.js';
import type { ObjectStore } from '../../storage/object-store.js';

export interface BootstrapPolicy {
  clusterRoles: KubeObject[];
  clusterRoleBindings: KubeObject[];
  roles: Record<string, KubeObject[]>;
  roleBindings: Record<string, KubeObject[]>;
}

const AUTOUPDATE = 'rbac.authorization.kubernetes.io/autoupdate';

export async function reconcileBootstrapPolicy(store: ObjectStore, policy: BootstrapPolicy, now = new Date()): Promise<void> {
  const all: Array<[ResourceEntry, KubeObject[]]> = [
    [clusterroles, policy.clusterRoles],
    [clusterrolebindings, policy.clusterRoleBindings],
    [roles, Object.values(policy.roles).flat()],
    [rolebindings, Object.values(policy.roleBindings).flat()],
  ];
  for (const [entry, objects] of all) {
    for (const wanted of objects) await reconcileOne(store, entry, wanted, now);
  }
}

async function reconcileOne(store: ObjectStore, entry: ResourceEntry, wanted: KubeObject, now: Date): Promise<void> {
  const ns = wanted.metadata?.namespace;
  const name = wanted.metadata!.name!;
  const existing = await store.get(entry, ns, name);
  if (!existing) {
    const obj = structuredClone(wanted);
    obj.metadata = { ...obj.metadata, uid: randomUUID(), creationTimestamp: timestamp(now) };
    await store.create(entry, obj).catch((err) => {
      if ((err as { code?: number }).code !== 409) throw err;
    });
    return;
  }
  if (existing.metadata?.annotations?.[AUTOUPDATE] !== 'true') return;
  const merged = mergeInto(existing, wanted);
  if (!merged) return;
  await store.guaranteedUpdate(entry, ns, name, (current) => mergeInto(current, wanted) ?? current);
}

/** `current` with what `wanted` adds, or undefined when nothing is missing. */
function mergeInto(current: KubeObject, wanted: KubeObject): KubeObject | undefined {
  const next = structuredClone(current);
  let changed = false;
  for (const [k, v] of Object.entries(wanted.metadata?.labels ?? {})) {
    if (next.metadata!.labels?.[k] !== v) {
      next.metadata!.labels = { ...next.metadata!.labels, [k]: v };
      changed = true;
    }
  }
  for (const field of ['rules', 'subjects'] as const) {
    const want = (wanted[field] as unknown[] | undefined) ?? [];
    const have = (next[field] as unknown[] | undefined) ?? [];
    const missing = want.filter((w) => !have.some((h) => isDeepStrictEqual(h, w)));
    // Aggregated roles get their rules from the aggregation controller, not from here.
    if (field === 'rules' && wanted.aggregationRule) continue;
    if (missing.length > 0) {
      next[field] = [...have, ...missing];
      changed = true;
    }
  }
  if (wanted.aggregationRule && !isDeepStrictEqual(next.aggregationRule, wanted.aggregationRule)) {
    next.aggregationRule = wanted.aggregationRule;
    changed = true;
  }
  return changed ? next : undefined;
}
