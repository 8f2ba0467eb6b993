// Sets of field paths, as structured-merge-diff's fieldpath.Set: a tree whose nodes are path elements
// spelled as in FieldsV1 (`f:<field>` for struct and map members, `k:{"name":"c"}` for items of
// associative lists, `v:<json>` for set items, `i:<n>` for list indexes), `member` when the path itself is in
// the set. Serialized as FieldsV1 (`.` marks a container that is a member next to some of its children) and
// printed as upstream prints paths in conflict messages (`.spec.containers[name="c"].image`).
// Pure; used by managedFields on every write and by server-side apply.

/** A set of field paths as a tree: `member` when the path itself is in the set. */
export interface FieldSet {
  member: boolean;
  children: Map<string, FieldSet>;
  /**
   * The FieldsV1 the set was read from, when that is exactly what toFieldsV1 writes for it (sets read from
   * stored objects, which we wrote). Union and difference share untouched subtrees, so a write re-encodes
   * only the parts of a manager's set that changed; stored objects are never changed, so sharing is safe.
   */
  source?: Record<string, unknown>;
}

/** A path: FieldsV1 path elements from the root (`['f:spec', 'f:replicas']`). */
export type FieldPath = readonly string[];

export function emptySet(): FieldSet {
  return { member: false, children: new Map() };
}

function child(set: FieldSet, key: string): FieldSet {
  let c = set.children.get(key);
  if (!c) set.children.set(key, (c = emptySet()));
  return c;
}

export function insertPath(set: FieldSet, path: FieldPath): FieldSet {
  let node = set;
  for (const key of path) node = child(node, key);
  node.member = true;
  return node;
}

/** Adds the member `key` below `node` (a node of a set being built) and returns its node. */
export function insertChild(node: FieldSet, key: string): FieldSet {
  const c = child(node, key);
  c.member = true;
  return c;
}

/** The node at `path`, if the set has anything there. */
export function nodeAt(set: FieldSet, path: FieldPath): FieldSet | undefined {
  let node: FieldSet | undefined = set;
  for (const key of path) {
    node = node.children.get(key);
    if (!node) return undefined;
  }
  return node;
}

export function hasPath(set: FieldSet, path: FieldPath): boolean {
  return nodeAt(set, path)?.member ?? false;
}

export function isEmpty(set: FieldSet): boolean {
  return !set.member && set.children.size === 0;
}

// Sets are values: once built (insertPath, fromFieldsV1, toFieldSet) nobody changes them, so union and
// difference share the subtrees they would only copy (writes compute these on every managedFields update).

export function union(a: FieldSet, b: FieldSet): FieldSet {
  if (isEmpty(b)) return a;
  if (isEmpty(a)) return b;
  const out: FieldSet = { member: a.member || b.member, children: new Map(a.children) };
  for (const [key, y] of b.children) {
    const x = a.children.get(key);
    out.children.set(key, x ? union(x, y) : y);
  }
  return out;
}

/** The paths of `a` that are not in `b` (exact paths: removing a container leaves its children). */
export function difference(a: FieldSet, b: FieldSet): FieldSet {
  if (isEmpty(b) || isEmpty(a)) return a;
  const out: FieldSet = { member: a.member && !b.member, children: new Map() };
  for (const [key, x] of a.children) {
    const y = b.children.get(key);
    const c = y ? difference(x, y) : x;
    if (!isEmpty(c)) out.children.set(key, c);
  }
  return out;
}

/** The paths in both sets. */
export function intersection(a: FieldSet, b: FieldSet): FieldSet {
  const out: FieldSet = { member: a.member && b.member, children: new Map() };
  for (const [key, x] of a.children) {
    const y = b.children.get(key);
    if (!y) continue;
    const c = intersection(x, y);
    if (!isEmpty(c)) out.children.set(key, c);
  }
  return out;
}

/** upstream's order of path elements: field names, then keys, then values, then indexes; each sorted. */
export function comparePathElements(a: string, b: string): number {
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The kind of a path element, in upstream's order: f, k, v, i (anything else first). */
function rank(pe: string): number {
  switch (pe[0]) {
    case 'f':
      return 0;
    case 'k':
      return 1;
    case 'v':
      return 2;
    case 'i':
      return 3;
    default:
      return -1;
  }
}

function sortedKeys(set: FieldSet): string[] {
  return [...set.children.keys()].sort(comparePathElements);
}

/**
 * Every path of the set in upstream's iteration order (fieldpath.Set.Iterate): at each level the members
 * first, then the paths below each child.
 */
export function pathsOf(set: FieldSet, prefix: FieldPath = []): string[][] {
  const out: string[][] = [];
  const keys = sortedKeys(set);
  for (const key of keys) if (set.children.get(key)!.member) out.push([...prefix, key]);
  for (const key of keys) {
    const c = set.children.get(key)!;
    if (c.children.size > 0) out.push(...pathsOf(c, [...prefix, key]));
  }
  return out;
}

/** FieldsV1 JSON of a set: `.` first, then the path elements in upstream's order (fields, keys, values). */
export function toFieldsV1(set: FieldSet): Record<string, unknown> {
  if (set.source) return set.source;
  const out: Record<string, unknown> = {};
  if (set.member && set.children.size > 0) out['.'] = {};
  for (const key of sortedKeys(set)) out[key] = toFieldsV1(set.children.get(key)!);
  return out;
}

/**
 * Whether FieldsV1 JSON and a set share a path, read straight from the JSON (no set is built): managers a
 * write does not touch keep their entry as it is.
 */
export function fieldsV1Intersects(fields: unknown, set: FieldSet): boolean {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return false;
  const f = fields as Record<string, unknown>;
  for (const [key, child] of set.children) {
    const sub = f[key];
    if (sub === undefined || sub === null || typeof sub !== 'object') continue;
    if (child.member) {
      const keys = Object.keys(sub);
      if (keys.length === 0 || '.' in sub) return true;
    }
    if (child.children.size > 0 && fieldsV1Intersects(sub, child)) return true;
  }
  return false;
}

export function fromFieldsV1(fields: unknown): FieldSet {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return emptySet();
  return readFieldsV1(fields as Record<string, unknown>);
}

function readFieldsV1(fields: Record<string, unknown>): FieldSet {
  const set = emptySet();
  // A leaf `{}` is a member; a node with children is one only when it carries `.`.
  if (!hasMembers(fields)) set.member = true;
  // Whether `fields` is what toFieldsV1 writes: `.` (as `{}`) first and only beside children, then the
  // path elements in upstream's order, each child in that form too.
  let normal = true;
  let previous: string | undefined;
  for (const key in fields) {
    const value = fields[key];
    const isObject = !!value && typeof value === 'object' && !Array.isArray(value);
    if (key === '.') {
      set.member = true;
      if (previous !== undefined || !isObject || hasMembers(value as object)) normal = false;
      continue;
    }
    const child = isObject ? readFieldsV1(value as Record<string, unknown>) : emptySet();
    if (!child.source || (previous !== undefined && comparePathElements(previous, key) >= 0)) normal = false;
    previous = key;
    set.children.set(key, child);
  }
  if ('.' in fields && set.children.size === 0) normal = false;
  if (normal) set.source = fields;
  return set;
}

/** Whether an object (a JSON one) has any member, without listing its keys. */
export function hasMembers(o: object): boolean {
  for (const _ in o) return true;
  return false;
}

/** A value as structured-merge-diff's value.ToString prints it: strings quoted, numbers and booleans bare. */
function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  if (typeof v === 'object') return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}=${valueString(x)}`).join('');
  return String(v);
}

/** One path element as upstream prints it: `.name`, `[name="c"]`, `[=value]`, `[3]`. */
export function pathElementString(pe: string): string {
  const body = pe.slice(2);
  switch (pe[0]) {
    case 'f':
      return `.${body}`;
    case 'k': {
      const key = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(key).map(([k, v]) => `${k}=${valueString(v)}`).join(',')}]`;
    }
    case 'v':
      return `[=${valueString(JSON.parse(body))}]`;
    case 'i':
      return `[${body}]`;
    default:
      return '{{invalid path element}}';
  }
}

/** A path as upstream prints it in conflicts: `.spec.template.spec.containers[name="c"].image`. */
export function pathString(path: FieldPath): string {
  return path.map(pathElementString).join('');
}

/** The FieldsV1 element of a struct field or map key. */
export const fieldElement = (name: string) => `f:${name}`;

/** The FieldsV1 element of an associative list item: its key fields, sorted by name. */
export function keyElement(key: Readonly<Record<string, unknown>>): string {
  const names = Object.keys(key).sort();
  return `k:{${names.map((k) => `${JSON.stringify(k)}:${JSON.stringify(key[k])}`).join(',')}}`;
}

/** The FieldsV1 element of a set item. */
export const valueElement = (v: unknown) => `v:${JSON.stringify(v)}`;
