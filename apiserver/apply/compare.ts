// What changed between two versions of an object, as structured-merge-diff's typed Compare reports it: the
// paths that appeared (added), the leaves whose value changed (modified) and the paths that went away
// (removed). Containers that appear or go away are paths of their own next to their members; atomic values
// (atomic lists and maps, scalars) are single leaves. Used for ownership on every write and for apply conflicts.
import { emptySet, insertPath, type FieldSet } from './field-set.js';
import { jsonEqual } from './json-equal.js';
import { indexItems } from './list-items.js';
import { childShape, itemShape, resolve, SCALAR, type Shape } from './schema.js';

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Members {
  kind: 'object' | 'listMap' | 'set';
  items: Map<string, unknown>;
  shapeOf(key: string): Shape;
}

/** The members of a value by path element, with their shapes; undefined for a leaf. */
export function membersOf(value: unknown, shape: Shape): Members | undefined {
  const s = resolve(shape, value);
  if (s.atomic) return undefined;
  if (Array.isArray(value)) {
    if (s.kind !== 'list' || !s.listType) return undefined;
    const items = indexItems(value, s, false);
    if (!items) return undefined;
    const item = s.listType === 'set' ? SCALAR : itemShape(s);
    return { kind: s.listType === 'map' ? 'listMap' : 'set', items, shapeOf: () => item };
  }
  if (!isObject(value) || s.kind === 'list' || s.kind === 'scalar') return undefined;
  const items = new Map(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [`f:${k}`, v] as const));
  return { kind: 'object', items, shapeOf: (key) => childShape(s, key.slice(2)) };
}

/** What changed from `before` to `after` (both whole objects or the tracked parts of them). */
export function compare(before: unknown, after: unknown, shape: Shape): Comparison {
  const c: Comparison = { added: emptySet(), modified: emptySet(), removed: emptySet() };
  walk(c, [], before, after, shape, true);
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
  // Equal values have no added, modified or removed paths below them: skip the walk (most of an update).
  if (before !== undefined && after !== undefined && jsonEqual(before, after)) return;
  let mb = before === undefined ? undefined : membersOf(before, shape);
  let ma = after === undefined ? undefined : membersOf(after, shape);
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
    if (!jsonEqual(before, after)) insertPath(c.modified, path);
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
