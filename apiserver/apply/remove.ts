// Removing paths from a value, as structured-merge-diff's TypedValue.RemoveItems does: a path in the set takes
// its whole subtree with it; a container the walk descends into and leaves empty becomes null (the caller drops
// new nulls). Atomic values are never descended into. Pure.
import type { FieldSet } from './field-set.js';
import { itemElement } from './list-items.js';
import { childShape, itemShape, resolve, SCALAR, type Shape } from './schema.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function removePaths(value: unknown, set: FieldSet, shape: Shape): unknown {
  if (set.children.size === 0) return value;
  const s = resolve(shape, value);
  if (s.kind === 'scalar') return value;
  if (Array.isArray(value)) {
    // Nothing is owned inside an atomic list (entries recorded under an older schema say otherwise): keep it.
    if (s.atomic || s.kind !== 'list' || !s.listType) return value;
    if (value.length === 0) return null;
    const item = s.listType === 'set' ? SCALAR : itemShape(s);
    const out: unknown[] = [];
    for (const v of value) {
      const pe = itemElement(v, s);
      const below = pe.ok ? set.children.get(pe.pe) : undefined;
      if (below?.member) continue;
      out.push(below ? removePaths(v, below, item) : v);
    }
    return out.length ? out : null;
  }
  if (!isObject(value)) return value;
  if (s.atomic) return value;
  if (Object.keys(value).length === 0) return null;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const below = set.children.get(`f:${k}`);
    if (below?.member) continue;
    out[k] = below ? removePaths(v, below, childShape(s, k)) : v;
  }
  return Object.keys(out).length ? out : null;
}

/**
 * `value` without the nulls that `before` did not have: nulls an applied configuration merged in, and
 * containers that removal emptied (a typed object reads them back as absent). Nulls the live object already
 * had (`creationTimestamp: null` in templates) stay.
 */
export function dropNewNulls(value: unknown, before: unknown): unknown {
  if (Array.isArray(value)) return value.map((v, i) => dropNewNulls(v, Array.isArray(before) ? before[i] : undefined));
  if (!isObject(value)) return value;
  const prior = isObject(before) ? before : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined || (v === null && prior[k] !== null)) continue;
    out[k] = dropNewNulls(v, prior[k]);
  }
  return out;
}
