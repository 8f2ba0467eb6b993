// Merging an applied configuration into the live object, as structured-merge-diff's TypedValue.Merge does:
// the configuration wins on every scalar and atomic value; granular maps and structs are merged key by key;
// associative lists and sets are merged item by item (items named by their keys or values), the
// configuration's items in its order with the live object's other items kept where they were. Pure.
import { itemElement } from './list-items.js';
import { childShape, itemShape, resolve, SCALAR, type Shape } from './schema.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isEmptyContainer = (v: unknown) => v === null || v === undefined || (Array.isArray(v) ? v.length === 0 : isObject(v) && Object.keys(v).length === 0);

/** `rhs` (the configuration) merged into `lhs` (the live value); either may be undefined (absent). */
export function mergeValues(lhs: unknown, rhs: unknown, shape: Shape): unknown {
  if (rhs === undefined) return lhs;
  if (lhs === undefined) return structuredClone(rhs);
  const s = resolve(shape, rhs === null ? lhs : rhs);
  const both = (pred: (v: unknown) => boolean) => pred(lhs) && pred(rhs);
  if (s.kind === 'scalar' || s.atomic) return structuredClone(rhs);
  if (s.kind === 'list') {
    if (!both((v) => v === null || Array.isArray(v)) || both(isEmptyContainer) || !s.listType) return structuredClone(rhs);
    return mergeLists((lhs ?? []) as unknown[], (rhs ?? []) as unknown[], s);
  }
  if (!both((v) => v === null || isObject(v)) || both(isEmptyContainer)) return structuredClone(rhs);
  const l = (lhs ?? {}) as Record<string, unknown>;
  const r = (rhs ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) {
    const v = mergeValues(l[key], r[key], childShape(s, key));
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * Items of both lists by name. The walk mirrors upstream's: a live item the configuration also has waits for
 * its turn in the configuration's order; a live item it lacks stays in place.
 */
function mergeLists(lhs: unknown[], rhs: unknown[], s: Shape): unknown[] {
  const item = s.listType === 'set' ? SCALAR : itemShape(s);
  const name = (v: unknown) => {
    const pe = itemElement(v, s);
    return pe.ok ? pe.pe : `#${JSON.stringify(v)}`;
  };
  const lNames = lhs.map(name);
  const rNames = rhs.map(name);
  const lByName = new Map<string, unknown>();
  for (let i = 0; i < lhs.length; i++) lByName.set(lNames[i]!, lByName.has(lNames[i]!) ? null : lhs[i]);
  const rByName = new Map<string, unknown>();
  for (let i = 0; i < rhs.length; i++) if (!rByName.has(rNames[i]!)) rByName.set(rNames[i]!, rhs[i]);
  const shared = rNames.filter((n) => lByName.has(n));
  let nextShared = shared.shift();
  const merged = new Set<string>();
  const out: unknown[] = [];
  const push = (l: unknown, r: unknown) => {
    const v = mergeValues(l === null && r !== undefined ? undefined : l, r, item);
    if (v !== undefined) out.push(v);
  };
  let li = 0;
  let ri = 0;
  while (li < lhs.length || ri < rhs.length) {
    if (li < lhs.length && ri < rhs.length) {
      const pe = lNames[li]!;
      if (pe === rNames[ri]) {
        merged.add(pe);
        push(lByName.get(pe), rByName.get(pe));
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (rByName.has(pe) && nextShared !== undefined && nextShared !== pe) {
        li++;
        continue;
      }
    }
    if (li < lhs.length) {
      const pe = lNames[li]!;
      if (!rByName.has(pe)) {
        push(lhs[li], undefined);
        li++;
        continue;
      } else if (merged.has(pe)) li++;
    }
    if (ri < rhs.length) {
      const pe = rNames[ri]!;
      merged.add(pe);
      push(lByName.get(pe), rByName.get(pe));
      ri++;
      if (nextShared === pe) nextShared = shared.shift();
    }
  }
  return out;
}
