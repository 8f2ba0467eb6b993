// What changed between two versions of an object, as structured-merge-diff's typed Compare reports it: the
// paths that appeared (added), the leaves whose value changed (modified) and the paths that went away
// (removed). Containers that appear or go away are paths of their own next to their members; atomic values
// (atomic lists and maps, scalars) are single leaves. Used for ownership on every write and for apply conflicts.
import { emptySet, hasMembers, insertChild, insertPath, type FieldSet } from './field-set.js';
import { jsonEqual } from './json-equal.js';
import { indexItems } from './list-items.js';
import { childShape, itemShape, resolve, SCALAR, type Shape } from './schema.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The members of a non-leaf value: an object's own fields (`f:<name>`, read from the object itself, no copy) or
 * a non-atomic list's items by path element.
 */
type Members =
  | { kind: 'object'; value: Record<string, unknown>; shape: Shape }
  | { kind: 'listMap' | 'set'; items: Map<string, unknown>; item: Shape };

/** The members of a value by path element, with their shapes; undefined for a leaf. */
function membersOf(value: unknown, shape: Shape): Members | undefined {
  const s = resolve(shape, value);
  if (s.atomic) return undefined;
  if (Array.isArray(value)) {
    if (s.kind !== 'list' || !s.listType) return undefined;
    const items = indexItems(value, s, false);
    if (!items) return undefined;
    return { kind: s.listType === 'map' ? 'listMap' : 'set', items, item: s.listType === 'set' ? SCALAR : itemShape(s) };
  }
  if (!isObject(value) || s.kind === 'list' || s.kind === 'scalar') return undefined;
  return { kind: 'object', value, shape: s };
}

/** An empty container of the same kind as `m` (what null stands for next to it). */
function emptyLike(m: Members): Members {
  return m.kind === 'object' ? { kind: 'object', value: {}, shape: m.shape } : { kind: m.kind, items: new Map(), item: m.item };
}

const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Calls `fn` with every member's path element, value and shape, in the value's order. */
function eachMember(m: Members, fn: (pe: string, value: unknown, shape: Shape) => void): void {
  if (m.kind !== 'object') {
    for (const [pe, v] of m.items) fn(pe, v, m.item);
    return;
  }
  const o = m.value;
  for (const k in o) if (hasOwn(o, k) && o[k] !== undefined) fn(`f:${k}`, o[k], childShape(m.shape, k));
}

/** Whether `m` has a member at path element `pe`. */
function hasMember(m: Members, pe: string): boolean {
  if (m.kind !== 'object') return m.items.has(pe);
  const k = pe.slice(2);
  return hasOwn(m.value, k) && m.value[k] !== undefined;
}

/** The member at path element `pe` (undefined when there is none). */
function memberAt(m: Members, pe: string): unknown {
  if (m.kind !== 'object') return m.items.get(pe);
  const k = pe.slice(2);
  return hasOwn(m.value, k) ? m.value[k] : undefined;
}

/** What changed from `before` to `after` (both whole objects or the tracked parts of them). */
export function compare(before: unknown, after: unknown, shape: Shape): Comparison {
  const c: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  walk(c, [], before, after, shape, true);
  return c;
}

/** Empty maps and lists of typed objects are omitted (omitempty) upstream: absent, not empty containers. */
function omitEmpty(value: unknown, shape: Shape): unknown {
  if (shape.kind === 'map' && isObject(value) && !hasMembers(value)) return undefined;
  if (shape.kind === 'list' && Array.isArray(value) && value.length === 0) return undefined;
  return value;
}

/** `path` is the walk's own stack: entries are pushed and popped, and insertPath only reads it. */
function walk(c: Comparison, path: string[], before: unknown, after: unknown, shape: Shape, root = false): void {
  before = omitEmpty(before, shape);
  after = omitEmpty(after, shape);
  if (before === undefined && after === undefined) return;
  if (before === undefined) {
    // All of it is new (a create compares with next to nothing): add it without comparing anything.
    addMembers(root ? c.added : insertPath(c.added, path), after, shape);
    return;
  }
  // Equal values have no added, modified or removed paths below them: skip the walk (most of an update).
  // Not at the root, which an update changes: its members are compared one by one below anyway.
  if (!root && after !== undefined && jsonEqual(before, after)) return;
  let mb = membersOf(before, shape);
  let ma = after === undefined ? undefined : membersOf(after, shape);
  // null is an empty container of whatever kind the other side is (a nil list or map).
  if (before === null && ma) mb = emptyLike(ma);
  if (after === null && mb) ma = emptyLike(mb);
  if (!root && after === undefined) insertPath(c.removed, path);
  const below = (pe: string, b: unknown, a: unknown, s: Shape) => {
    path.push(pe);
    walk(c, path, b, a, s);
    path.pop();
  };
  const bothLeaves = after !== undefined && !mb && !ma;
  if (bothLeaves || (after !== undefined && (!mb || !ma || mb.kind !== ma.kind))) {
    // A changed leaf, or a value whose kind changed: the path is modified, its old members gone, new ones added.
    if (!jsonEqual(before, after)) insertPath(c.modified, path);
    if (bothLeaves) return;
    if (mb && (!ma || mb.kind !== ma.kind)) eachMember(mb, (pe, v, s) => below(pe, v, undefined, s));
    if (ma && (!mb || mb.kind !== ma.kind)) eachMember(ma, (pe, v, s) => below(pe, undefined, v, s));
    return;
  }
  if (mb && ma) {
    // The same kind on both sides (a struct's fields share their shapes): every member of either side.
    eachMember(mb, (pe, v, s) => below(pe, v, memberAt(ma, pe), s));
    eachMember(ma, (pe, v, s) => {
      if (!hasMember(mb, pe)) below(pe, undefined, v, s);
    });
  } else if (mb) eachMember(mb, (pe, v, s) => below(pe, v, undefined, s)); // all of it removed
}

/** Adds every member of `value` (recursively) below `node`, the node of its own path in a set being built. */
function addMembers(node: FieldSet, value: unknown, shape: Shape): void {
  const m = membersOf(value, shape);
  if (!m) return;
  if (m.kind !== 'object') {
    for (const [pe, v] of m.items) {
      const item = omitEmpty(v, m.item);
      if (item !== undefined) addMembers(insertChild(node, pe), item, m.item);
    }
    return;
  }
  const o = m.value;
  for (const k in o) {
    if (!hasOwn(o, k) || o[k] === undefined) continue;
    const s = childShape(m.shape, k);
    const v = omitEmpty(o[k], s);
    if (v !== undefined) addMembers(insertChild(node, `f:${k}`), v, s);
  }
}
