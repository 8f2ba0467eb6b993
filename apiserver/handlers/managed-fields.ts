// metadata.managedFields for Update operations, as upstream's field manager records them (structured-merge-diff):
// every write computes which fields it added, changed or removed compared with the stored object; the writing
// manager gains the added and changed ones (taking them from other managers), removed fields leave every
// manager's set, and a manager left with nothing is dropped. Sets serialize as FieldsV1: `f:<field>` for
// struct and map members, `k:{...}` for items of associative lists, `v:<json>` for set items, `.` when a
// container is itself a member of the set next to some of its children. Server-side apply ownership and
// conflicts are not modelled here.
import { isDeepStrictEqual } from 'node:util';
import { nestedField } from '../patch/model-walker.js';
import { patchMeta, structMapType } from '../schema/patch-meta.js';
import type { KubeObject } from '../registry/types.js';
import { type ApiContext, apiVersionOf } from './context.js';
import { timestamp } from './object-meta.js';

/** A set of field paths as a tree: `member` when the path itself is in the set. */
export interface FieldSet {
  member: boolean;
  children: Map<string, FieldSet>;
}

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Update' | 'Apply';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

export interface WriteInfo {
  manager: string;
  apiVersion: string;
  /** RFC 3339, second precision. */
  time: string;
  /** `status` (or `scale`) for subresource writes. */
  subresource?: string;
  /** The client-node model of the object (V1Pod); unknown models are walked without list semantics. */
  model?: string;
  /** The resource has a status subresource: status is not tracked on writes of the main resource. */
  hasStatus?: boolean;
}

export function emptySet(): FieldSet {
  return { member: false, children: new Map() };
}

function child(set: FieldSet, key: string): FieldSet {
  let c = set.children.get(key);
  if (!c) set.children.set(key, (c = emptySet()));
  return c;
}

export function insertPath(set: FieldSet, path: readonly string[]): void {
  let node = set;
  for (const key of path) node = child(node, key);
  node.member = true;
}

export function isEmpty(set: FieldSet): boolean {
  return !set.member && set.children.size === 0;
}

export function union(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member || b.member, children: new Map() };
  for (const key of new Set([...a.children.keys(), ...b.children.keys()])) {
    const x = a.children.get(key);
    const y = b.children.get(key);
    out.children.set(key, x && y ? union(x, y) : cloneSet((x ?? y)!));
  }
  return out;
}

/** The paths of `a` that are not in `b` (exact paths: removing a container leaves its children). */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member && !b.member, children: new Map() };
  for (const [key, x] of a.children) {
    const y = b.children.get(key);
    const c = y ? difference(x, y) : cloneSet(x);
    if (!isEmpty(c)) out.children.set(key, c);
  }
  return out;
}

function cloneSet(s: FieldSet): FieldSet {
  return { member: s.member, children: new Map([...s.children].map(([k, v]) => [k, cloneSet(v)])) };
}

/** FieldsV1 JSON of a set: `.` first, then the path elements in upstream's order (fields, keys, values). */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (set.member && set.children.size > 0) out['.'] = {};
  const rank = (k: string) => ['f', 'k', 'v', 'i'].indexOf(k[0]!);
  const keys = [...set.children.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) out[key] = toFieldsV1(set.children.get(key)!);
  return out;
}

export function fromFieldsV1(fields: unknown): FieldSet {
  const set = emptySet();
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return set;
  const entries = Object.entries(fields as Record<string, unknown>);
  // A leaf `{}` is a member; a node with children is one only when it carries `.`.
  if (entries.length === 0) set.member = true;
  for (const [key, value] of entries) {
    if (key === '.') set.member = true;
    else set.children.set(key, fromFieldsV1(value));
  }
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const IGNORED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

/** The part of an object whose fields are tracked by a write of the main resource or of a subresource. */
export function trackedPart(obj: KubeObject | undefined, info: Pick<WriteInfo, 'subresource' | 'hasStatus'>): Record<string, unknown> {
  if (!obj) return {};
  if (info.subresource === 'status') return obj.status === undefined ? {} : { status: obj.status };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    if (key === 'apiVersion' || key === 'kind' || value === undefined) continue;
    if (key === 'status' && info.hasStatus) continue;
    if (key === 'metadata' && value && typeof value === 'object' && !Array.isArray(value)) {
      const meta: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (!IGNORED_METADATA.has(k) && v !== undefined) meta[k] = v;
      out.metadata = meta;
      continue;
    }
    out[key] = value;
  }
  return out;
}

type Kind = 'leaf' | 'struct' | 'map' | 'listMap' | 'set';

interface Shape {
  /** The model of the value (for structs) or of its members (maps, lists). */
  model?: string;
  kind: 'struct' | 'map' | 'list' | 'unknown';
  keys?: string[];
  listType?: 'atomic' | 'set' | 'map';
  atomic?: boolean;
}

function fieldShape(model: string | undefined, field: string): Shape {
  if (!model) return { kind: 'unknown' };
  const nested = nestedField(model, field);
  const meta = patchMeta(model, field);
  const shape: Shape = { kind: nested?.list ? 'list' : nested?.map ? 'map' : nested?.model ? 'struct' : 'unknown', model: nested?.model };
  if (meta?.mapType === 'atomic') shape.atomic = true;
  if (shape.kind === 'struct' && nested?.model && structMapType(nested.model) === 'atomic') shape.atomic = true;
  if (shape.kind === 'list') {
    if (meta?.listType === 'map' && meta.listMapKeys?.length) {
      shape.listType = 'map';
      shape.keys = meta.listMapKeys;
    } else if (meta?.listType) shape.listType = meta.listType;
    else if (meta?.mergeKey) {
      shape.listType = 'map';
      shape.keys = [meta.mergeKey];
    } else if (meta?.strategy?.startsWith('merge')) shape.listType = 'set';
    else shape.listType = 'atomic';
  }
  return shape;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Items of an associative list by their path element, or undefined when the list cannot be keyed (then atomic). */
function keyedItems(list: unknown[], keys: string[]): Map<string, unknown> | undefined {
  const out = new Map<string, unknown>();
  for (const item of list) {
    if (!isObject(item)) return undefined;
    const present = [...keys].sort().filter((k) => item[k] !== undefined && item[k] !== null);
    if (present.length === 0) return undefined;
    const pe = `k:{${present.map((k) => `${JSON.stringify(k)}:${JSON.stringify(item[k])}`).join(',')}}`;
    if (out.has(pe)) return undefined;
    out.set(pe, item);
  }
  return out;
}

function setItems(list: unknown[]): Map<string, unknown> | undefined {
  const out = new Map<string, unknown>();
  for (const item of list) {
    if (item !== null && typeof item === 'object') return undefined;
    const pe = `v:${JSON.stringify(item)}`;
    if (out.has(pe)) return undefined;
    out.set(pe, item);
  }
  return out;
}

/** The members of a value, by path element, with their shapes; undefined for a leaf. */
function members(value: unknown, shape: Shape): { kind: Kind; items: Map<string, unknown>; shapeOf: (key: string) => Shape } | undefined {
  if (shape.atomic) return undefined;
  if (Array.isArray(value)) {
    if (shape.kind !== 'list') return undefined;
    const itemShape: Shape = { kind: shape.model ? 'struct' : 'unknown', model: shape.model };
    if (shape.listType === 'map') {
      const items = keyedItems(value, shape.keys!);
      return items ? { kind: 'listMap', items, shapeOf: () => itemShape } : undefined;
    }
    if (shape.listType === 'set') {
      const items = setItems(value);
      return items ? { kind: 'set', items, shapeOf: () => ({ kind: 'unknown' }) } : undefined;
    }
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const items = new Map(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [`f:${k}`, v] as const));
  if (shape.kind === 'map') {
    const element: Shape = { kind: shape.model ? 'struct' : 'unknown', model: shape.model };
    return { kind: 'map', items, shapeOf: () => element };
  }
  if (shape.kind === 'list') return undefined;
  return { kind: 'struct', items, shapeOf: (key) => fieldShape(shape.model, key.slice(2)) };
}

/** What changed from `before` to `after`: new paths, changed leaves, and paths that are gone. */
export function compare(before: unknown, after: unknown, model?: string): Comparison {
  const c: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  walk(c, [], before, after, { kind: model ? 'struct' : 'unknown', model }, true);
  return c;
}

/** Empty maps and lists of typed objects are omitted (omitempty) upstream: absent, not empty containers. */
function omitEmpty(value: unknown, shape: Shape): unknown {
  if (shape.kind === 'map' && isObject(value) && Object.keys(value).length === 0) return undefined;
  if (shape.kind === 'list' && Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

function walk(c: Comparison, path: string[], before: unknown, after: unknown, shape: Shape, root = false): void {
  before = omitEmpty(before, shape);
  after = omitEmpty(after, shape);
  if (before === undefined && after === undefined) return;
  let mb = before === undefined ? undefined : members(before, shape);
  let ma = after === undefined ? undefined : members(after, shape);
  // null is an empty container of whatever kind the other side is (a nil list or map).
  if (before === null && ma) mb = { ...ma, items: new Map() };
  if (after === null && mb) ma = { ...mb, items: new Map() };
  if (!root) {
    if (before === undefined) insertPath(c.added, path);
    else if (after === undefined) insertPath(c.removed, path);
  }
  const bothLeaves = before !== undefined && after !== undefined && !mb && !ma;
  if (bothLeaves || (before !== undefined && after !== undefined && (!mb || !ma || mb.kind !== ma.kind))) {
    // A changed leaf, or a value whose kind changed: the path is modified, its old members gone, new ones added.
    if (!isDeepStrictEqual(before, after)) insertPath(c.modified, path);
    if (bothLeaves) return;
    if (mb && (!ma || mb.kind !== ma.kind)) for (const [k, v] of mb.items) walk(c, [...path, k], v, undefined, mb.shapeOf(k));
    if (ma && (!mb || mb.kind !== ma.kind)) for (const [k, v] of ma.items) walk(c, [...path, k], undefined, v, ma.shapeOf(k));
    return;
  }
  const m = (ma ?? mb)!;
  if (!m) return;
  const keys = new Set([...(mb?.items.keys() ?? []), ...(ma?.items.keys() ?? [])]);
  for (const k of keys) walk(c, [...path, k], mb?.items.get(k), ma?.items.get(k), m.shapeOf(k));
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
export function createdFields(obj: KubeObject, info: Pick<WriteInfo, 'model' | 'subresource' | 'hasStatus'>): FieldSet {
  const tracked = trackedPart(obj, info);
  const c = compare(zeroFields(info.model, tracked, true), tracked, info.model);
  return union(c.added, c.modified);
}

const OPERATION_ORDER = (e: ManagedFieldsEntry) => e.operation;

/** upstream's order: operation, then time, manager, apiVersion, subresource. */
export function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  const cmp = (a: string | undefined, b: string | undefined) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
  return [...entries].sort(
    (p, q) =>
      cmp(OPERATION_ORDER(p), OPERATION_ORDER(q)) ||
      cmp(p.time, q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource, q.subresource),
  );
}

function sameManager(e: ManagedFieldsEntry, w: WriteInfo): boolean {
  return e.manager === w.manager && e.operation === 'Update' && e.apiVersion === w.apiVersion && (e.subresource ?? '') === (w.subresource ?? '');
}

function entryOf(w: WriteInfo, set: FieldSet): ManagedFieldsEntry {
  const e: ManagedFieldsEntry = { manager: w.manager, operation: 'Update', apiVersion: w.apiVersion, time: w.time, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(set) };
  if (w.subresource) e.subresource = w.subresource;
  return e;
}

/** managedFields of a new object: the creating manager owns every tracked field (none: no entry). */
export function managedFieldsForCreate(obj: KubeObject, w: WriteInfo): ManagedFieldsEntry[] {
  const set = createdFields(obj, w);
  return isEmpty(set) ? [] : [entryOf(w, set)];
}

/** Stored entries that are well-formed enough to carry forward. */
export function storedEntries(obj: KubeObject | undefined): ManagedFieldsEntry[] {
  const list = obj?.metadata?.managedFields;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is ManagedFieldsEntry & Record<string, unknown> => isObject(e) && typeof e.manager === 'string') as ManagedFieldsEntry[];
}

/**
 * managedFields after an update from `current` to `next`: the writer gains what it added or changed (other
 * managers lose those), removed fields leave every set, empty managers are dropped.
 */
export function managedFieldsForUpdate(current: KubeObject, next: KubeObject, w: WriteInfo): ManagedFieldsEntry[] {
  const c = compare(trackedPart(current, w), trackedPart(next, w), w.model);
  const changed = union(c.added, c.modified);
  const out: ManagedFieldsEntry[] = [];
  let mine = emptySet();
  for (const e of storedEntries(current)) {
    const set = fromFieldsV1(e.fieldsV1);
    if (sameManager(e, w)) {
      mine = union(mine, set);
      continue;
    }
    const rest = difference(difference(set, changed), c.removed);
    if (!isEmpty(rest)) out.push({ ...e, fieldsV1: toFieldsV1(rest) });
  }
  mine = union(difference(mine, c.removed), changed);
  if (!isEmpty(mine)) out.push(entryOf(w, mine));
  return sortEntries(out);
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
    hasStatus: ctx.entry.hasStatus,
  };
  if (subresource) w.subresource = subresource;
  return w;
}

/** Set metadata.managedFields (client-provided ones are ignored). */
export function setManagedFields(obj: KubeObject, entries: ManagedFieldsEntry[]): void {
  obj.metadata ??= {};
  if (entries.length) obj.metadata.managedFields = entries as unknown as Array<Record<string, unknown>>;
  else delete obj.metadata.managedFields;
}
