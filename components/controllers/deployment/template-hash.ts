// The pod-template-hash of a Deployment's template (upstream's controller.ComputeHash): fnv-1a
// (32 bit) over the template, plus the collision count as 8 little-endian bytes, printed in decimal
// and put through rand.SafeEncodeString. Upstream hashes Go's spew dump of the struct, which cannot
// be reproduced here; we hash canonical JSON (keys sorted) instead, so values differ from a real
// cluster's while the behaviour (stable per template, changed by collisionCount, same alphabet and
// length) is the same.
import type { PodTemplate } from '../shared/workload-types.js';

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
const SAFE_ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so equal templates hash alike. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

export function fnv32a(bytes: Uint8Array, seed = 0x811c9dc5): number {
  let h = seed;
  for (const b of bytes) {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** rand.SafeEncodeString: each character's code modulo 27 into an alphabet without vowels. */
export function safeEncodeString(s: string): string {
  return [...s].map((c) => SAFE_ALPHANUMS[c.charCodeAt(0) % SAFE_ALPHANUMS.length]).join('');
}

export function computeHash(template: PodTemplate | undefined, collisionCount?: number): string {
  let h = fnv32a(new TextEncoder().encode(canonicalJson(template ?? {})));
  if (collisionCount !== undefined) {
    const extra = new Uint8Array(8);
    new DataView(extra.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(extra, h);
  }
  return safeEncodeString(String(h));
}

/** Templates equal once the pod-template-hash label is ignored (upstream's EqualIgnoreHash). */
/** Go's semantic equality over JSON: a null field is an unset one, and an empty list a nil one. */
function semantic(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(semantic);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x === null || x === undefined || (Array.isArray(x) && x.length === 0)) continue;
      out[k] = semantic(x);
    }
    return out;
  }
  return v;
}

export function equalIgnoreHash(a: PodTemplate | undefined, b: PodTemplate | undefined): boolean {
  const strip = (t: PodTemplate | undefined) => {
    const c = semantic(structuredClone(t ?? {})) as PodTemplate;
    if (c.metadata?.labels) {
      delete c.metadata.labels[POD_TEMPLATE_HASH_LABEL];
      if (Object.keys(c.metadata.labels).length === 0) delete c.metadata.labels;
    }
    if (c.metadata && Object.keys(c.metadata).length === 0) delete c.metadata;
    return canonicalJson(c);
  };
  return strip(a) === strip(b);
}
