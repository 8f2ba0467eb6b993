// Equality of JSON values (what JSON.parse returns: plain objects, arrays, strings, numbers, booleans,
// null), key order ignored. Several times faster than util.isDeepStrictEqual on API objects, which matters
// on the write path (field ownership, patch checks): it need not consider prototypes, symbols or classes.
export function jsonEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, false);
}

/**
 * Whether `a` and `b` serialize to the same JSON, key order aside: as jsonEqual, but an `undefined`
 * member counts as absent and an `undefined` array element as null, as JSON.stringify writes them.
 */
export function jsonTextEqual(a: unknown, b: unknown): boolean {
  return equal(a, b, true);
}

function equal(a: unknown, b: unknown, asText: boolean): boolean {
  if (a === b) return true;
  if (asText) {
    if (a === undefined) a = null;
    if (b === undefined) b = null;
    if (a === b) return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equal(a[i], b[i], asText)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let count = 0;
  for (const k in x) {
    if (!present(x, k, asText)) continue;
    count++;
    if (!present(y, k, asText) || !equal(x[k], y[k], asText)) return false;
  }
  for (const k in y) if (present(y, k, asText)) count--;
  return count === 0;
}

/** An own member; as text, an undefined one is absent. */
function present(o: Record<string, unknown>, k: string, asText: boolean): boolean {
  return Object.prototype.hasOwnProperty.call(o, k) && !(asText && o[k] === undefined);
}
