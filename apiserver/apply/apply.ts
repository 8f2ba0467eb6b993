// Server-side apply of one configuration by one manager, as structured-merge-diff's Updater.Apply and the
// apiserver's field manager stack do it:
//   1. the configuration is merged into the live object (merge.ts);
//   2. the manager's set becomes the configuration's field set;
//   3. fields the manager applied last time and no longer applies are removed when no manager owns them
//      any more (prune; other managers' fields stay, ownership just drops);
//   4. every other manager that owns a field whose value the merge added or changed is in conflict; without
//      `force` that is a 409, with it those fields move to the applier; removed fields leave every other
//      manager;
//   5. the entry is an Apply entry (type and system metadata stripped), timed only when the object changed.
// `kubectl` applying over client-side apply gets lastAppliedManager's allowance and annotation rewrite.
// Pure: returns the new object and managedFields, or the conflicts, or upstream's message for a configuration
// whose lists cannot be merged.
import { isDeepStrictEqual } from 'node:util';
import type { Conflict } from './conflicts.js';
import { compare } from './compare.js';
import { difference, emptySet, hasPath, intersection, isEmpty, pathsOf, union, type FieldSet } from './field-set.js';
import { allowedFromLastApplied, updateLastApplied } from './last-applied.js';
import { decodeManagers, encodeManagers, managerId, validEntries, type FieldManager, type ManagedFieldsEntry } from './managers.js';
import { mergeValues } from './merge.js';
import { dropNewNulls, removePaths } from './remove.js';
import type { Shape } from './schema.js';
import { ensureNamedFields, fieldSetOf } from './to-field-set.js';
import { stripMeta, trackedPart, writableSet, type TrackedScope } from './tracked.js';

type Obj = { apiVersion?: string; kind?: string; metadata?: Record<string, unknown> } & Record<string, unknown>;

export interface ApplyInput extends TrackedScope {
  /** The stored object; undefined when the apply creates it. */
  live: Obj | undefined;
  /** The applied configuration (decoded, field-validated). */
  config: Obj;
  shape: Shape;
  manager: string;
  /** group/version of the request. */
  apiVersion: string;
  /** RFC 3339, second precision. */
  time: string;
  force: boolean;
}

export type ApplyResult =
  | { ok: true; object: Obj; managedFields: ManagedFieldsEntry[] }
  | { ok: false; conflicts: Conflict[] }
  | { ok: false; invalid: string };

export function applyConfiguration(input: ApplyInput): ApplyResult {
  const errors: string[] = [];
  const configSet = fieldSetOf(input.config, input.shape, { errors });
  if (errors.length) return { ok: false, invalid: errors[0]! };
  let result = applyOnce(input, configSet, input.force);
  if (!result.ok && 'conflicts' in result && input.manager === 'kubectl' && input.live) {
    const allowed = allowedFromLastApplied(input.live, input.apiVersion, input.shape);
    if (allowed) {
      const remaining = result.conflicts.filter((c) => !hasPath(allowed, c.path));
      result = remaining.length ? { ok: false, conflicts: remaining } : applyOnce(input, configSet, true);
    }
  }
  if (result.ok && input.manager === 'kubectl') updateLastApplied(result.object, input.config);
  return result;
}

function applyOnce(input: ApplyInput, configSet: FieldSet, force: boolean): ApplyResult {
  const { shape } = input;
  const live: Obj = structuredClone(input.live ?? {});
  const stored = live.metadata?.managedFields;
  if (live.metadata) delete live.metadata.managedFields;
  const managers = decodeManagers(validEntries(stored) ? stored : []);
  const me: FieldManager = { manager: input.manager, operation: 'Apply', apiVersion: input.apiVersion, set: emptySet() };
  if (input.subresource) me.subresource = input.subresource;
  const id = managerId(me);
  const last = managers.get(id);
  if (last?.time) me.time = last.time;
  // Until the end the applier's set keeps metadata.name and the like: prune relies on them to keep metadata.
  me.set = writableSet(configSet, input);
  managers.set(id, me);

  let merged = mergeValues(live, input.config, shape) as Obj;
  if (last && !isEmpty(last.set)) merged = (prune(merged, managers, last.set, shape) ?? {}) as Obj;
  merged = dropNewNulls(merged, live) as Obj;

  const c = compare(trackedPart(live, input), trackedPart(merged, input), shape);
  const changed = union(c.added, c.modified);
  const conflicts: Conflict[] = [];
  const taken = new Map<string, FieldSet>();
  for (const [key, m] of managers) {
    if (key === id) continue;
    const clash = intersection(m.set, changed);
    if (isEmpty(clash)) continue;
    taken.set(key, clash);
    for (const path of pathsOf(clash)) conflicts.push({ manager: m, path });
  }
  if (!force && conflicts.length) return { ok: false, conflicts };
  for (const [key, m] of managers) {
    if (key === id) continue;
    const clash = taken.get(key);
    m.set = difference(clash ? difference(m.set, clash) : m.set, c.removed);
  }
  me.set = stripMeta(me.set);
  if (!isDeepStrictEqual(live, merged)) me.time = input.time;
  return { ok: true, object: merged, managedFields: encodeManagers(managers.values()) };
}

/**
 * Remove what `last` (the applier's previous set) has and nobody owns any more, mirroring Updater.prune with
 * addBackOwnedItems and addBackDanglingItems: struct fields above owned paths count as owned, and only paths
 * the applier had are removed (with what is below them).
 */
function prune(merged: Obj, managers: Map<string, FieldManager>, last: FieldSet, shape: Shape): unknown {
  const ensure = (s: FieldSet) => ensureNamedFields(s, shape);
  const setOf = (v: unknown) => ensure(fieldSetOf(v, shape, { allowDuplicates: true }));
  const lastE = ensure(last);
  let owned = emptySet();
  for (const m of managers.values()) owned = union(owned, m.set);
  const mergedSet = setOf(merged);
  const firstCut = removePaths(merged, lastE, shape);
  const pruned = removePaths(merged, difference(mergedSet, union(setOf(firstCut), ensure(owned))), shape);
  return removePaths(merged, intersection(difference(mergedSet, setOf(pruned)), lastE), shape);
}
