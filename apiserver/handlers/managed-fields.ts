// metadata.managedFields on writes other than apply (Update operations), as upstream's field manager records
// them (structured-merge-diff Updater.Update behind managedFieldsUpdater): every write computes which fields it
// added, changed or removed compared with the stored object; the writing manager gains the added and changed
// ones (taking them from other managers, appliers included), removed fields leave every manager's set, and a
// manager left with nothing is dropped. A write that carries metadata.managedFields replaces the stored ones
// first (that is how kubectl moves client-side apply ownership to server-side apply), and `[]` or `[{}]`
// resets them. The set algebra, FieldsV1 and shapes live in ../apply/; server-side apply itself is
// ../apply/apply.ts.
import { nestedField } from '../patch/model-walker.js';
import { compare as compareShapes, type Comparison } from '../apply/compare.js';
import { emptySet, fieldsV1Intersects, isEmpty, union, difference, type FieldSet } from '../apply/field-set.js';
import {
  decodeManagers,
  encodeManagers,
  isResetRequest,
  managerId,
  sortEntries,
  validEntries,
  type FieldManager,
  type ManagedFieldsEntry,
} from '../apply/managers.js';
import { resourceShape, rootShape, type Shape } from '../apply/schema.js';
import { stripMeta, trackedPart } from '../apply/tracked.js';
import type { KubeObject } from '../registry/types.js';
import { type ApiContext, apiVersionOf } from './context.js';
import { timestamp } from './object-meta.js';

export type { FieldSet } from '../apply/field-set.js';
export type { Comparison } from '../apply/compare.js';
export type { ManagedFieldsEntry } from '../apply/managers.js';
export { difference, emptySet, fromFieldsV1, insertPath, isEmpty, toFieldsV1, union } from '../apply/field-set.js';
export { sortEntries } from '../apply/managers.js';
export { trackedPart } from '../apply/tracked.js';

export interface WriteInfo {
  manager: string;
  apiVersion: string;
  /** RFC 3339, second precision. */
  time: string;
  /** `status` (or `scale`) for subresource writes. */
  subresource?: string;
  /** The client-node model of the object (V1Pod); unknown models are walked with a deduced schema. */
  model?: string;
  /** The shapes of the resource's fields; default: those of `model`. */
  shape?: Shape;
  /** The resource has a status subresource: status is not tracked on writes of the main resource. */
  hasStatus?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

const shapeOf = (w: Pick<WriteInfo, 'model' | 'shape'>) => w.shape ?? rootShape(w.model);

/** What changed from `before` to `after`: new paths, changed leaves, and paths that are gone. */
export function compare(before: unknown, after: unknown, model?: string): Comparison {
  return compareShapes(before, after, rootShape(model));
}

/**
 * Struct fields that exist in upstream's zero value of a type (value fields and lists without omitempty), so a
 * create does not make them members of its set (no `.`): upstream compares a new object with an empty one.
 */
function zeroFields(model: string | undefined, value: Record<string, unknown>, top: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (top && isObject(value.metadata)) out.metadata = {};
  if (!model) return out;
  for (const [field, v] of Object.entries(value)) {
    if (top && field === 'metadata') continue;
    const nested = nestedField(model, field);
    if (field === 'containers' && model === 'V1PodSpec') {
      out[field] = null;
      continue;
    }
    if (!isObject(v) || !nested?.model || nested.list || nested.map) continue;
    if (isValueStruct(model, field, top)) out[field] = zeroFields(nested.model, v, false);
  }
  return out;
}

function isValueStruct(model: string, field: string, top: boolean): boolean {
  if (field === 'metadata' || field === 'spec' || field === 'status') return top || model.endsWith('TemplateSpec') || model.endsWith('Template');
  if (field === 'template') return model !== 'V1ReplicationControllerSpec';
  if (field === 'jobTemplate') return true;
  if (field === 'strategy') return model === 'V1DeploymentSpec';
  if (field === 'updateStrategy') return model === 'V1DaemonSetSpec' || model === 'V1StatefulSetSpec';
  return false;
}

/** The fields a create sets: everything tracked of the new object. */
export function createdFields(obj: KubeObject, info: Pick<WriteInfo, 'model' | 'shape' | 'subresource' | 'hasStatus'>): FieldSet {
  const tracked = trackedPart(obj, info);
  const c = compareShapes(zeroFields(info.model, tracked, true), tracked, shapeOf(info));
  return stripMeta(union(c.added, c.modified));
}

function writer(w: WriteInfo): FieldManager {
  const m: FieldManager = { manager: w.manager, operation: 'Update', apiVersion: w.apiVersion, time: w.time, set: emptySet() };
  if (w.subresource) m.subresource = w.subresource;
  return m;
}

/** managedFields of a new object: the creating manager owns every tracked field (none: no entry). */
export function managedFieldsForCreate(obj: KubeObject, w: WriteInfo): ManagedFieldsEntry[] {
  const m = writer(w);
  m.set = createdFields(obj, w);
  return encodeManagers([m]);
}

/** Stored entries that are well-formed enough to carry forward. */
export function storedEntries(obj: KubeObject | undefined): ManagedFieldsEntry[] {
  const list = obj?.metadata?.managedFields;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is ManagedFieldsEntry & Record<string, unknown> => isObject(e) && typeof e.manager === 'string') as ManagedFieldsEntry[];
}

/**
 * The entries an update starts from (fieldmanager's decodeLiveOrNew): the ones the new object carries when it
 * carries valid ones (not on subresources), none when it asks for a reset, else the stored ones.
 */
export function baseEntries(current: KubeObject, next: KubeObject, w: Pick<WriteInfo, 'subresource'>): ManagedFieldsEntry[] {
  const sent = next.metadata?.managedFields;
  if (sentEntriesUsed(next, w)) return isResetRequest(sent) ? [] : (sent as unknown as ManagedFieldsEntry[]);
  return storedEntries(current);
}

/** Whether the update starts from the entries the new object carries (or a reset), not the stored ones. */
function sentEntriesUsed(next: KubeObject, w: Pick<WriteInfo, 'subresource'>): boolean {
  const sent = next.metadata?.managedFields;
  return !w.subresource && sent !== undefined && (isResetRequest(sent) || (validEntries(sent) && sent.length > 0));
}

/**
 * managedFields after an update from `current` to `next`: the writer gains what it added or changed (other
 * managers lose those), removed fields leave every set, empty managers are dropped. The writer's earlier
 * entry (same manager, apiVersion and subresource) is merged in and its time updated only when it gained
 * something.
 */
export function managedFieldsForUpdate(current: KubeObject, next: KubeObject, w: WriteInfo): ManagedFieldsEntry[] {
  const c = compareShapes(trackedPart(current, w), trackedPart(next, w), shapeOf(w));
  const changed = stripMeta(union(c.added, c.modified));
  const me = writer(w);
  const myId = managerId(me);
  const base = baseEntries(current, next, w);
  const { kept, touched } = sentEntriesUsed(next, w) ? { kept: [], touched: base } : splitUntouched(base, myId, changed, c.removed);
  const managers = decodeManagers(touched);
  for (const m of managers.values()) m.set = difference(difference(m.set, changed), c.removed);
  const previous = managers.get(myId);
  if (!isEmpty(changed)) {
    me.set = previous ? union(previous.set, changed) : changed;
    managers.set(myId, me);
  }
  return sortEntries([...kept, ...encodeManagers(managers.values())]);
}

/**
 * Stored entries (written by us, so already in normal form) of other managers that the write does not
 * touch are kept as they are, without decoding and re-encoding their sets: most writes touch one manager.
 * A later entry of the same manager wins, as in decodeManagers; empty ones are dropped.
 */
function splitUntouched(stored: ManagedFieldsEntry[], myId: string, changed: FieldSet, removed: FieldSet): { kept: ManagedFieldsEntry[]; touched: ManagedFieldsEntry[] } {
  const byId = new Map<string, ManagedFieldsEntry>();
  for (const e of stored) byId.set(managerId(e), e);
  const kept: ManagedFieldsEntry[] = [];
  const touched: ManagedFieldsEntry[] = [];
  for (const [id, e] of byId) {
    if (id !== myId && !fieldsV1Intersects(e.fieldsV1, changed) && !fieldsV1Intersects(e.fieldsV1, removed)) {
      if (e.fieldsV1 && Object.keys(e.fieldsV1).length > 0) kept.push(e);
    } else touched.push(e);
  }
  return { kept, touched };
}

/** The field manager of a request: `fieldManager`, else the User-Agent up to its first `/` (as upstream). */
export function managerName(fieldManager: string | null | undefined, userAgent: string | undefined): string {
  if (fieldManager) return fieldManager;
  return (userAgent ?? '').split('/')[0]!;
}

/** The write of a request, for the functions above. */
export function writeInfoOf(ctx: ApiContext, subresource: string | undefined = ctx.info.subresource): WriteInfo {
  const w: WriteInfo = {
    manager: managerName(ctx.query.get('fieldManager'), ctx.userAgent),
    apiVersion: apiVersionOf(ctx),
    time: timestamp(ctx.now()),
    model: ctx.entry.model,
    shape: resourceShape(ctx.entry, ctx.version),
    hasStatus: ctx.entry.hasStatus,
  };
  if (subresource) w.subresource = subresource;
  return w;
}

/** Set metadata.managedFields (client-provided ones are replaced). */
export function setManagedFields(obj: KubeObject, entries: ManagedFieldsEntry[]): void {
  obj.metadata ??= {};
  if (entries.length) obj.metadata.managedFields = entries as unknown as Array<Record<string, unknown>>;
  else delete obj.metadata.managedFields;
}
