// Reading and filling plain JSON objects the way upstream's defaulters see typed Go structs: a string
// field that is absent, null or "" is unset (Go's zero value); a pointer field is unset only when
// absent or null. Every helper here only fills what is unset, so applying a defaulter twice is a no-op.

export type Fields = Record<string, unknown>;

export function isFields(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The object at `o[key]`, or undefined when it is absent or not an object. */
export function field(o: Fields, key: string): Fields | undefined {
  const v = o[key];
  return isFields(v) ? v : undefined;
}

/** The object at `o[key]`, created as `{}` when absent or null (as upstream allocates a nil struct). */
export function child(o: Fields, key: string): Fields {
  const v = o[key];
  if (isFields(v)) return v;
  const created: Fields = {};
  if (v === undefined || v === null) o[key] = created;
  return created;
}

/** The object elements of the array at `o[key]` (none when absent). */
export function items(o: Fields | undefined, key: string): Fields[] {
  const v = o?.[key];
  return Array.isArray(v) ? v.filter(isFields) : [];
}

/** Set a pointer-like field (`*int32`, `*bool`, a struct) when absent or null. */
export function defaultValue(o: Fields, key: string, value: unknown): void {
  if (o[key] === undefined || o[key] === null) o[key] = value;
}

/** Set a Go string field when absent, null or empty. */
export function defaultString(o: Fields, key: string, value: string): void {
  if (o[key] === undefined || o[key] === null || o[key] === '') o[key] = value;
}

/** `obj.spec`, created when absent: every kind defaulted through it has a non-pointer spec struct. */
export function specOf(obj: object): Fields {
  return child(obj as Fields, 'spec');
}
