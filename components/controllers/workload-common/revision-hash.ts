// Hashes and revision payloads of pod templates, as upstream's controller history computes them:
// - a ControllerRevision stores the patch `{"spec":{"template":{…,"$patch":"replace"}}}` that turns
//   any set back into that revision (statefulset getPatch, daemon getPatch), keys sorted as Go's
//   json.Marshal of a map sorts them;
// - a StatefulSet revision's name is `<set>-<hash>` with hash = SafeEncodeString(fnv32(data) + collision
//   count in decimal) (history.HashControllerRevision);
// - a DaemonSet's hash is controller.ComputeHash(template, collisionCount): fnv32a of the template
//   (Go's DeepHashObject cannot be reproduced: we hash canonical JSON) then the count as 8 LE bytes.
import type { PodTemplate } from './types.js';

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** rand.SafeEncodeString: every byte b → ALPHANUMS[b % 27] (no vowels, no look-alikes). */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += ALPHANUMS[b % ALPHANUMS.length];
  return out;
}

/** JSON with object keys sorted at every level (undefined members dropped): a stable byte form. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** 32-bit FNV-1 (Go's hash/fnv New32) or FNV-1a (New32a) over `bytes`, continuing from `seed`. */
export function fnv32(bytes: Uint8Array, variant: '1' | '1a', seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    if (variant === '1') h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
    if (variant === '1a') h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The revision payload of a template: `{"spec":{"template":{…,"$patch":"replace"}}}` (getPatch). */
export function templatePatch(template: PodTemplate | undefined): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(template ?? {}), $patch: 'replace' } } };
}

/** The template a revision payload restores (ApplyRevision of a getPatch payload). */
export function templateOfRevisionData(data: unknown): PodTemplate {
  const t = (data as { spec?: { template?: Record<string, unknown> } } | undefined)?.spec?.template ?? {};
  const { $patch: _ignored, ...template } = t;
  return template as PodTemplate;
}

/** history.HashControllerRevision: FNV-1 of the payload, then the collision count in decimal, safe-encoded. */
export function hashControllerRevision(data: unknown, collisionCount: number | undefined): string {
  let h = fnv32(Buffer.from(canonicalJson(data), 'utf8'), '1');
  if (collisionCount !== undefined) h = fnv32(Buffer.from(String(collisionCount), 'utf8'), '1', h);
  return safeEncodeString(String(h));
}

/** controller.ComputeHash: FNV-1a of the template, then the collision count as 8 little-endian bytes. */
export function computeTemplateHash(template: PodTemplate | undefined, collisionCount: number | undefined): string {
  let h = fnv32(Buffer.from(canonicalJson(template ?? {}), 'utf8'), '1a');
  if (collisionCount !== undefined) {
    const count = Buffer.alloc(8);
    count.writeUInt32LE(collisionCount >>> 0, 0);
    h = fnv32(count, '1a', h);
  }
  return safeEncodeString(String(h));
}

/** history.ControllerRevisionName: `<prefix>-<hash>`, the prefix cut to 223 characters. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > 223 ? prefix.slice(0, 223) : prefix}-${hash}`;
}
