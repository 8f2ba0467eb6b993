// Whether a JSON value's text would be longer than a limit, without writing the text when the answer is
// plain: in-process clients send values, and the body limit (3 MiB, as kube-apiserver's) is on the text.
// A lower bound of the UTF-8 length is counted first (strings by their UTF-16 length, which escapes and
// multi-byte characters only lengthen, at most six times); only a value whose bound is within a factor of
// six of the limit is written out to measure.

/** Whether JSON.stringify(value), as UTF-8, is longer than `limit` bytes. */
export function jsonTextExceeds(value: unknown, limit: number): boolean {
  const atLeast = lowerBound(value, limit + 1, 0);
  if (atLeast > limit) return true;
  if (atLeast * 6 <= limit) return false;
  return Buffer.byteLength(JSON.stringify(value) ?? '') > limit;
}

/** A lower bound of the text's length, counting stops once past `stop` (or below 200 levels: cycles). */
function lowerBound(v: unknown, stop: number, depth: number): number {
  switch (typeof v) {
    case 'string':
      return v.length + 2;
    case 'number':
      return Number.isFinite(v) ? String(v).length : 4;
    case 'boolean':
      return v ? 4 : 5;
    case 'object':
      break;
    default:
      return 0; // left out (undefined, functions, symbols) or not known here (BigInt throws later)
  }
  if (v === null) return 4;
  if (depth > 200 || typeof (v as { toJSON?: unknown }).toJSON === 'function') return 0;
  let n = 2;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length && n <= stop; i++) n += lowerBound(v[i], stop - n, depth + 1) + (i > 0 ? 1 : 0);
    return n;
  }
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue; // JSON leaves them out
    n += k.length + 3 + lowerBound(x, stop - n, depth + 1);
    if (n > stop) break;
  }
  return n;
}
