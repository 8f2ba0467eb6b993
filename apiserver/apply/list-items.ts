// The path element of a list item, as structured-merge-diff names items of associative lists: `k:{...}` with the
// item's key fields (sorted; a missing key takes its schema default, or is left out) for lists of maps keyed by
// fields, `v:<json>` for sets of scalars. Lists that are neither are atomic and have no items of their own.
import { keyElement, valueElement } from './field-set.js';
import type { Shape } from './schema.js';

export type ItemElement = { ok: true; pe: string } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The path element of `item` in a non-atomic list of shape `list`; messages are upstream's. */
export function itemElement(item: unknown, list: Shape): ItemElement {
  if (list.listType === 'map' && list.keys?.length) {
    if (item === null || item === undefined) return { ok: false, message: 'associative list with keys may not have a null element' };
    if (!isObject(item)) return { ok: false, message: 'associative list with keys may not have non-map elements' };
    const key: Record<string, unknown> = {};
    for (const name of list.keys) {
      const v = item[name];
      if (v !== undefined && v !== null) key[name] = v;
      else if (list.keyDefaults?.[name] !== undefined) key[name] = list.keyDefaults[name];
    }
    if (Object.keys(key).length === 0) {
      return {
        ok: false,
        message: `associative list with keys has an element that omits all key fields ${goQuotedList(list.keys)} (and doesn't have default values for any key fields)`,
      };
    }
    return { ok: true, pe: keyElement(key) };
  }
  if (isObject(item)) return { ok: false, message: "associative list without keys has an element that's a map type" };
  if (Array.isArray(item)) return { ok: false, message: 'not supported: associative list with lists as elements' };
  return { ok: true, pe: valueElement(item ?? null) };
}

/** Go's %q of a []string: `["a" "b"]`. */
function goQuotedList(names: readonly string[]): string {
  return `[${names.map((n) => JSON.stringify(n)).join(' ')}]`;
}

/**
 * The items of a list by path element (first occurrence wins), in list order, or undefined when some item
 * cannot be named or (unless `allowDuplicates`) two items share a name.
 */
export function indexItems(list: unknown[], shape: Shape, allowDuplicates = true): Map<string, unknown> | undefined {
  const out = new Map<string, unknown>();
  for (const item of list) {
    const pe = itemElement(item, shape);
    if (!pe.ok) return undefined;
    if (out.has(pe.pe)) {
      if (!allowDuplicates) return undefined;
      continue;
    }
    out.set(pe.pe, item);
  }
  return out;
}
