// Strategic merge patch for built-in types, as kube-apiserver applies it
// (k8s.io/apimachinery pkg/util/strategicpatch: StrategicMergeMapPatch with MergeParallelList and
// IgnoreUnmatchedNulls). Maps merge recursively and `null` deletes a key; a list whose field has patch
// strategy `merge` merges by its merge key (containers by name, ports by containerPort, ...) or, for
// primitives, as a set; every other list is replaced. Directives: `$patch: replace|delete` in maps and list
// items, `$setElementOrder/<list>`, `$retainKeys`, `$deleteFromPrimitiveList/<list>`.
// Fields unknown to the metadata merge like a merge patch (maps merge, lists are replaced).
//
// Where upstream relies on decoding the result into a Go struct, we clean instead: a value stored from the
// patch (a new key, a new list item, a replaced list) loses its null members and leftover directive keys,
// as the typed round trip would drop them. Error texts and their HTTP class are upstream's (see
// SmpFailureKind). Pure: inputs are not changed.
import { copyJson } from '../apply/json-copy.js';
import { clientNodeFieldType, type FieldShape, type FieldTypeLookup, parseTypeString } from './model-walker.js';

/** Patch metadata of one field (x-kubernetes-patch-strategy / -merge-key / list-type / list-map-keys). */
export interface PatchMeta {
  /** `merge`, `replace`, `retainKeys`, or two of them joined by a comma (`merge,retainKeys`). */
  strategy?: string;
  mergeKey?: string;
  listType?: string;
  listMapKeys?: string[];
}

/** Patch metadata of `field` (JSON name) in client-node model `model`; undefined when it has none. */
export type PatchMetaLookup = (model: string, field: string) => PatchMeta | undefined;

export interface StrategicMergeOptions {
  /** client-node model of the document root, e.g. `V1Deployment`; undefined: no metadata anywhere. */
  model: string | undefined;
  meta: PatchMetaLookup;
  /** Where nested models are found; defaults to @kubernetes/client-node's models. */
  fieldType?: FieldTypeLookup;
}

/**
 * How kube-apiserver answers a patch it cannot apply: `bad-request` is a 400 (malformed directives),
 * `invalid` a 422 (lists of lists), `internal` what upstream returns for every other patch error: a 500
 * with an empty reason and the message as is (e.g. a list item without its merge key).
 */
export type SmpFailureKind = 'bad-request' | 'invalid' | 'internal';

export type JsonObject = Record<string, unknown>;

export type StrategicMergeResult = { ok: true; object: JsonObject } | { ok: false; kind: SmpFailureKind; message: string };

export function strategicMergePatch(original: JsonObject, patch: JsonObject, options: StrategicMergeOptions): StrategicMergeResult {
  const lookups: Lookups = { meta: options.meta, fieldType: options.fieldType ?? clientNodeFieldType };
  const root: FieldShape | undefined = options.model ? { kind: 'model', model: options.model } : undefined;
  try {
    return { ok: true, object: mergeMap(copyJson(original), copyJson(patch), root, lookups) };
  } catch (err) {
    if (err instanceof SmpFailure) return { ok: false, kind: err.kind, message: err.message };
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------------

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

class SmpFailure extends Error {
  constructor(readonly kind: SmpFailureKind, message: string) {
    super(message);
  }
}

// upstream's fixed texts (pkg/util/mergepatch/errors.go).
const badPrimitiveList = () => new SmpFailure('bad-request', 'invalid patch format of primitive list');
const badRetainKeys = () => new SmpFailure('bad-request', 'invalid patch format of retainKeys');
const badSetElementOrder = () => new SmpFailure('bad-request', 'invalid patch format of setElementOrder list');
const listOfLists = () => new SmpFailure('invalid', 'lists of lists are not supported');
const internal = (message: string) => new SmpFailure('internal', message);
const noMergeKey = (m: unknown, key: string) => internal(`map: ${goFormat(m)} does not contain declared merge key: ${key}`);
const badArgType = (expected: string, actual: unknown) => internal(`expected a ${expected}, but received a ${goType(actual)}`);
const badPatchType = (directive: unknown, m: unknown) => internal(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(m)}`);

const MAP_TYPE = 'map[string]interface {}';
const LIST_TYPE = '[]interface {}';

interface Lookups {
  meta: PatchMetaLookup;
  fieldType: FieldTypeLookup;
}

/** What the metadata says about a field: the shape of its value (of its items, for lists) and how to merge. */
interface Child {
  schema: FieldShape | undefined;
  /** `merge`, `replace` or '' (retainKeys removed: it acts through the patch's own directive). */
  strategy: string;
  mergeKey: string;
}

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

function childOf(schema: FieldShape | undefined, key: string, lookups: Lookups, list: boolean): Child {
  let sub: FieldShape | undefined;
  let meta: PatchMeta | undefined;
  if (schema?.kind === 'map') {
    sub = schema.element;
  } else if (schema?.kind === 'model') {
    const type = lookups.fieldType(schema.model, key);
    sub = type === undefined ? undefined : parseTypeString(type);
    meta = lookups.meta(schema.model, key);
  }
  // A list field's items; like upstream (a pointer used as a list) a non-list type describes the items.
  if (list && sub?.kind === 'list') sub = sub.element;
  const strategies = (meta?.strategy ?? '').split(',').map((s) => s.trim());
  return { schema: sub, strategy: strategies.find((s) => s !== '' && s !== 'retainKeys') ?? '', mergeKey: meta?.mergeKey ?? '' };
}

/** Merge `patch` into `original` (both ours to change). Mirrors upstream's mergeMap. */
function mergeMap(original: JsonObject, patch: JsonObject, schema: FieldShape | undefined, lookups: Lookups): JsonObject {
  if (has(patch, DIRECTIVE)) return directiveInMap(patch[DIRECTIVE], patch);
  applyRetainKeys(original, patch);
  mergeOrderedLists(original, patch, schema, lookups);

  for (const k of Object.keys(patch)) {
    const patchV = patch[k];
    let key = k;
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      key = extractKey(k, DELETE_FROM_PRIMITIVE_LIST);
      isDeleteList = true;
    }
    if (patchV === null) {
      delete original[key];
      continue;
    }
    if (!has(original, key) || kindOf(original[key]) !== kindOf(patchV)) {
      if (!isDeleteList) setNewValue(original, key, patchV);
      continue;
    }
    const originalV = original[key];
    if (isObject(originalV)) {
      const child = childOf(schema, key, lookups, false);
      if (child.strategy === 'replace') setNewValue(original, key, patchV);
      else original[key] = mergeMap(originalV, patchV as JsonObject, child.schema, lookups);
    } else if (Array.isArray(originalV)) {
      original[key] = mergeListField(originalV, patchV as unknown[], childOf(schema, key, lookups, true), isDeleteList, lookups);
    } else {
      original[key] = patchV;
    }
  }
  return original;
}

/** `$patch` in a map: `replace` keeps the patch's map alone, `delete` leaves an empty map. */
function directiveInMap(directive: unknown, patch: JsonObject): JsonObject {
  if (directive === 'replace') {
    delete patch[DIRECTIVE];
    return cleanNewValue(patch).value as JsonObject;
  }
  if (directive === 'delete') return {};
  throw badPatchType(directive, patch);
}

/** `$retainKeys: [a, b]`: drop every other key of the original; the patch may only set listed keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!has(patch, RETAIN_KEYS)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw badRetainKeys();
  const keep = new Set<unknown>(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(k)) throw badRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** `$setElementOrder/<list>`: merge the list now and put its items in the given order (upstream's mergePatchIntoOriginal). */
function mergeOrderedLists(original: JsonObject, patch: JsonObject, schema: FieldShape | undefined, lookups: Lookups): void {
  for (const directiveKey of Object.keys(patch)) {
    if (!directiveKey.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[directiveKey];
    delete patch[directiveKey];
    if (!Array.isArray(order)) throw badArgType(LIST_TYPE, order);
    const key = extractKey(directiveKey, SET_ELEMENT_ORDER);
    const originalList = has(original, key) ? asList(original[key]) : undefined;
    const patchList = has(patch, key) ? asList(patch[key]) : undefined;
    const child = childOf(schema, key, lookups, true);
    checkOrderAgainstPatch(patchList ?? [], order, child.mergeKey);

    let merged: unknown[];
    const trace: ListTrace = {};
    if (originalList && patchList) merged = mergeListField(originalList, patchList, child, false, lookups, trace);
    else if (originalList) merged = originalList;
    else if (patchList) merged = cleanNewValue(patchList).value as unknown[];
    else continue;

    const kind = elementKind([originalList ?? [], patchList ?? []]);
    // Lists without elements have no order; map items need a merge key to be told apart.
    if (kind !== undefined && !(kind === 'object' && child.mergeKey === '')) {
      const { inList, rest } = partition(merged, order, child.mergeKey);
      merged = normalizeOrder(inList, rest, order, liveOrder(originalList ?? [], trace), child.mergeKey, kind);
    }
    original[key] = merged;
    delete patch[key];
  }
}

/**
 * What a merge by key did to the live list, for the live order used by `$setElementOrder`. Upstream deletes
 * and appends inside the live list's own array, so the order it consults afterwards is the survivors
 * followed by the appended items, cut to the original length; we reproduce that order.
 */
interface ListTrace {
  survivors?: unknown[];
  appended?: unknown[];
}

function liveOrder(original: unknown[], trace: ListTrace): unknown[] {
  if (!trace.survivors) return original;
  return [...trace.survivors, ...(trace.appended ?? [])].slice(0, original.length);
}

function asList(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw badArgType(LIST_TYPE, v);
  return v;
}

/** The patch's items (deletions aside) must appear in the `$setElementOrder` list in the same relative order. */
function checkOrderAgainstPatch(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? splitDeletions(patchList).keep : patchList;
  let p = 0;
  let s = 0;
  while (p < items.length && s < order.length) {
    if (isObject(items[p]) && has(items[p] as JsonObject, DIRECTIVE)) {
      p++;
      continue;
    }
    if (mergeKeyEqual(items[p], order[s], mergeKey)) p++;
    s++;
  }
  if (p < items.length && s >= order.length) {
    throw internal(`The order in patch list:\n${goFormat(patchList)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormat(order)}\n`);
  }
}

function mergeKeyEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObject(left)) throw badArgType(MAP_TYPE, left);
  if (!isObject(right)) throw badArgType(MAP_TYPE, right);
  if (!has(left, mergeKey)) throw noMergeKey(left, mergeKey);
  if (!has(right, mergeKey)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** A list field present in both: merge when its strategy says so (or for a deletion list), else the patch replaces it. */
function mergeListField(original: unknown[], patch: unknown[], child: Child, isDeleteList: boolean, lookups: Lookups, trace: ListTrace = {}): unknown[] {
  if (child.strategy === 'merge' || isDeleteList) return mergeList(original, patch, child, isDeleteList, lookups, trace);
  return cleanNewValue(patch).value as unknown[];
}

function mergeList(original: unknown[], patch: unknown[], child: Child, isDeleteList: boolean, lookups: Lookups, trace: ListTrace): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([original, patch])!;
  const { mergeKey } = child;
  let merged: unknown[];
  if (kind !== 'object') {
    if (isDeleteList) return original.filter((v) => !patch.includes(v));
    merged = [...new Set([...original, ...patch])];
  } else {
    if (!mergeKey) throw internal(`cannot merge lists without merge key for ${schemaName(child.schema)}`);
    const replaced = applyListDirectives(original, patch, mergeKey);
    if (!replaced.replace) trace.survivors = replaced.original;
    ({ original, patch } = replaced);
    merged = mergeItemsByKey(original, patch, mergeKey, child.schema, lookups, (trace.appended = []));
  }
  const { inList, rest } = partition(merged, patch, mergeKey);
  return normalizeOrder(inList, rest, patch, original, mergeKey, kind);
}

/** List items carrying `$patch`: `delete` removes the original items with that key, `replace` makes the rest the list. */
function applyListDirectives(original: unknown[], patch: unknown[], mergeKey: string): { original: unknown[]; patch: unknown[]; replace: boolean } {
  const rest: unknown[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonObject;
    if (!has(item, DIRECTIVE)) {
      rest.push(v);
      continue;
    }
    switch (item[DIRECTIVE]) {
      case 'delete':
        if (!has(item, mergeKey)) throw noMergeKey(item, mergeKey);
        original = original.filter((o) => !(isObject(o) && has(o, mergeKey) && o[mergeKey] === item[mergeKey]));
        break;
      case 'replace':
        replace = true;
        break;
      case 'merge':
        throw internal('merging lists cannot yet be specified in the patch');
      default:
        throw badPatchType(item[DIRECTIVE], item);
    }
  }
  if (replace) return { original: cleanNewValue(rest).value as unknown[], patch: [], replace };
  return { original, patch: rest, replace };
}

/** Each patch item merges into the original item with the same merge key, or is appended. */
function mergeItemsByKey(
  original: unknown[],
  patch: unknown[],
  mergeKey: string,
  schema: FieldShape | undefined,
  lookups: Lookups,
  appended: unknown[],
): unknown[] {
  const out = [...original];
  for (const v of patch) {
    const item = v as JsonObject;
    if (!has(item, mergeKey)) throw noMergeKey(item, mergeKey);
    const at = out.findIndex((o) => isObject(o) && has(o, mergeKey) && o[mergeKey] === item[mergeKey]);
    if (at >= 0) out[at] = mergeMap(out[at] as JsonObject, item, schema, lookups);
    else {
      const cleaned = cleanNewValue(item);
      if (cleaned.keep) {
        out.push(cleaned.value);
        appended.push(cleaned.value);
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Ordering (upstream's normalizeElementOrder): items named by the patch (or $setElementOrder) keep that
// order, the others keep the live order, and the two are interleaved by the live order where both are known.

type ElementKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

function partition(merged: unknown[], by: unknown[], mergeKey: string): { inList: unknown[]; rest: unknown[] } {
  const inList: unknown[] = [];
  const rest: unknown[] = [];
  for (const v of merged) {
    let found: boolean;
    if (!mergeKey) found = by.includes(v);
    else {
      if (!isObject(v)) throw badArgType(MAP_TYPE, v);
      if (!has(v, mergeKey)) throw noMergeKey(v, mergeKey);
      found = by.some((b, i) => {
        if (!isObject(b)) throw internal(`value for key ${i} is not a map`);
        return has(b, mergeKey) && b[mergeKey] === v[mergeKey];
      });
    }
    (found ? inList : rest).push(v);
  }
  return { inList, rest };
}

function normalizeOrder(inList: unknown[], rest: unknown[], listOrder: unknown[], liveOrder: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  const left = sortByOrder(rest, liveOrder, mergeKey, kind);
  const right = sortByOrder(inList, listOrder, mergeKey, kind);
  const keyOf = (v: unknown) => (kind === 'object' ? (isObject(v) ? v[mergeKey] : undefined) : v);
  const indexIn = (list: unknown[], v: unknown) => list.findIndex((x) => keyOf(x) === keyOf(v));
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(liveOrder, left[i]);
      const ri = indexIn(liveOrder, right[j]);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** Stable sort by position in `order`; `$patch: delete` items and items not in `order` go last. */
function sortByOrder(items: unknown[], order: unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let keep = items;
  let deletions: unknown[] = [];
  if (kind === 'object') {
    for (const v of [...items, ...order]) {
      if (!isObject(v)) throw badArgType(MAP_TYPE, v);
      if (!has(v, mergeKey)) throw noMergeKey(v, mergeKey);
    }
    ({ keep, deletions } = splitDeletions(items));
  }
  const keyOf = (v: unknown) => (kind === 'object' ? (v as JsonObject)[mergeKey] : v);
  const keys = order.map(keyOf);
  const ranked = keep.map((v) => ({ v, at: keys.indexOf(keyOf(v)) }));
  const rank = (at: number) => (at < 0 ? Number.MAX_SAFE_INTEGER : at);
  ranked.sort((a, b) => rank(a.at) - rank(b.at));
  return [...ranked.map((r) => r.v), ...deletions];
}

function splitDeletions(list: unknown[]): { keep: unknown[]; deletions: unknown[] } {
  const keep: unknown[] = [];
  const deletions: unknown[] = [];
  for (const v of list) {
    if (!isObject(v)) throw badArgType(MAP_TYPE, v);
    (v[DIRECTIVE] === 'delete' ? deletions : keep).push(v);
  }
  return { keep, deletions };
}

/** The one kind of all elements (undefined when there are none). */
function elementKind(lists: unknown[][]): ElementKind | undefined {
  let kind: ElementKind | undefined;
  for (const list of lists) {
    for (const v of list) {
      const k = kindOf(v);
      if (kind === undefined) {
        if (k === 'array') throw listOfLists();
        kind = k;
      } else if (k !== kind) {
        throw internal(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  return kind;
}

function kindOf(v: unknown): ElementKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'object' ? 'object' : t === 'number' ? 'number' : t === 'boolean' ? 'boolean' : 'string';
}

// ---------------------------------------------------------------------------------------------------

/** `$setElementOrder/containers` → `containers`; the prefix must be followed by a slash. */
function extractKey(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw prefix === DELETE_FROM_PRIMITIVE_LIST ? badPrimitiveList() : badSetElementOrder();
  return key.slice(slash + 1);
}

/** Store a value taken from the patch: without nulls and directives, or nowhere when it is itself a directive. */
function setNewValue(target: JsonObject, key: string, value: unknown): void {
  const cleaned = cleanNewValue(value);
  if (cleaned.keep) target[key] = cleaned.value;
  else delete target[key];
}

const isDirectiveKey = (k: string) => k === RETAIN_KEYS || k.startsWith(SET_ELEMENT_ORDER) || k.startsWith(DELETE_FROM_PRIMITIVE_LIST);

/** Upstream's discardNullValuesFromPatch + removeDirectives, plus dropping directive keys left in new values. */
function cleanNewValue(value: unknown): { keep: boolean; value: unknown } {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const c = cleanNewValue(item);
      if (c.keep) out.push(c.value);
    }
    return { keep: true, value: out };
  }
  if (!isObject(value)) return { keep: true, value };
  if (has(value, DIRECTIVE)) return { keep: false, value: undefined };
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === null || isDirectiveKey(k)) continue;
    const c = cleanNewValue(v);
    if (c.keep) out[k] = c.value;
  }
  return { keep: true, value: out };
}

/** What upstream's schema Name() prints: the Go kind of the list's element type. */
function schemaName(schema: FieldShape | undefined): string {
  if (!schema || schema.kind === 'model') return 'struct';
  if (schema.kind === 'map') return 'map';
  if (schema.kind === 'list') return 'slice';
  return schema.type === 'number' ? 'int64' : schema.type === 'boolean' ? 'bool' : 'string';
}

/** Go's %v of a decoded JSON value: `map[a:1 b:[x y]]`, `<nil>`. Used in upstream's error texts. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).sort();
    return `map[${keys.map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  }
  if (typeof v === 'number' && !Number.isInteger(v)) return String(v).replace(/e([+-])(\d)$/, (_m, sign: string, digit: string) => `e${sign}0${digit}`);
  return String(v);
}

/** The Go type name of a decoded JSON value, as reflect prints it. */
function goType(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return LIST_TYPE;
  if (isObject(v)) return MAP_TYPE;
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}
