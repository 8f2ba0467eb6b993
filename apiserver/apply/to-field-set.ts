// The field set of a value, as structured-merge-diff's TypedValue.ToFieldSet computes it for an applied
// configuration: every scalar and atomic value, every list item (with its own members), every map key, and
// struct fields only when they are leaves, null or empty maps. EnsureNamedFieldsAreMembers adds the struct
// fields above a set's paths (prune uses it so that a container someone still owns under is not removed).
import { emptySet, insertPath, pathString, type FieldSet } from './field-set.js';
import { itemElement } from './list-items.js';
import { childShape, isNamedField, itemShape, resolve, shapeUnder, SCALAR, type Shape } from './schema.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export interface FieldSetOptions {
  /** Applied configurations may not name two items alike; live objects may (then the items are leaves). */
  allowDuplicates?: boolean;
  /** Collects upstream's messages for lists whose items cannot be named (`.spec.ports: element 0: ...`). */
  errors?: string[];
}

export function fieldSetOf(value: unknown, shape: Shape, options: FieldSetOptions = {}): FieldSet {
  const set = emptySet();
  visit(set, [], value, shape, options);
  return set;
}

function visit(set: FieldSet, path: string[], value: unknown, shape: Shape, o: FieldSetOptions): void {
  const s = resolve(shape, value);
  if (value === null || typeof value !== 'object' || s.kind === 'scalar' || s.atomic) {
    if (path.length) insertPath(set, path);
    return;
  }
  if (Array.isArray(value)) {
    if (s.kind !== 'list' || !s.listType) {
      if (path.length) insertPath(set, path);
      return;
    }
    visitItems(set, path, value, s, o);
    return;
  }
  if (s.kind === 'list') {
    if (path.length) insertPath(set, path);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    const p = [...path, `f:${k}`];
    visit(set, p, v, childShape(s, k), o);
    if (v === null || (isObject(v) && Object.keys(v).length === 0) || !isNamedField(s, k)) insertPath(set, p);
  }
}

function visitItems(set: FieldSet, path: string[], list: unknown[], s: Shape, o: FieldSetOptions): void {
  const names: string[] = [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    const pe = itemElement(list[i], s);
    if (!pe.ok) {
      o.errors?.push(`${pathString(path)}: element ${i}: ${pe.message}`);
      insertPath(set, path);
      return;
    }
    names.push(pe.pe);
    if (seen.has(pe.pe)) {
      if (!o.allowDuplicates && !duplicates.has(pe.pe)) o.errors?.push(`${pathString(path)}: duplicate entries for key ${pathString([pe.pe])}`);
      duplicates.add(pe.pe);
    } else seen.add(pe.pe);
  }
  const item = s.listType === 'set' ? SCALAR : itemShape(s);
  for (let i = 0; i < list.length; i++) {
    const p = [...path, names[i]!];
    if (!duplicates.has(names[i]!)) visit(set, p, list[i], item, o);
    insertPath(set, p);
  }
}

/** `set` with every struct field above one of its paths made a member (fieldpath.Set.EnsureNamedFieldsAreMembers). */
export function ensureNamedFields(set: FieldSet, shape: Shape): FieldSet {
  const out: FieldSet = { member: set.member, children: new Map() };
  for (const [pe, c] of set.children) {
    const below = ensureNamedFields(c, resolveUnder(shape, pe));
    if (c.children.size > 0 && pe.startsWith('f:') && isNamedField(shape, pe.slice(2))) below.member = true;
    out.children.set(pe, below);
  }
  return out;
}

/** Without a value at hand a deduced shape is taken for a granular map. */
function resolveUnder(shape: Shape, pe: string): Shape {
  return shapeUnder(shape.kind === 'deduced' ? resolve(shape, {}) : shape, pe);
}
