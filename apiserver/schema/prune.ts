// Dropping unknown fields, as upstream's typed decoding does when fieldValidation is Warn or Ignore:
// what the schema does not know is not stored.

/** Split a strict-path (`spec.containers[0].foo`) into keys and indices. */
export function pathSegments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of path.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return [];
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Remove the fields at these paths from `obj` (in place); paths that do not resolve are ignored. */
export function pruneFields(obj: unknown, paths: string[]): void {
  for (const path of paths) {
    const segs = pathSegments(path);
    if (segs.length === 0) continue;
    let cur: unknown = obj;
    for (const seg of segs.slice(0, -1)) {
      if (cur === null || typeof cur !== 'object') {
        cur = undefined;
        break;
      }
      cur = (cur as Record<string | number, unknown>)[seg];
    }
    const last = segs[segs.length - 1]!;
    if (cur && typeof cur === 'object' && !Array.isArray(cur) && typeof last === 'string') delete (cur as Record<string, unknown>)[last];
  }
}
