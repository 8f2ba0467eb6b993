// The HPA's status bookkeeping (mirrors upstream's setCondition and setStatus): conditions keep their
// order and their lastTransitionTime unless their status flips; a status is written only when it
// differs from the one read.
import type { HorizontalPodAutoscalerCondition } from './types.js';

/** metav1.Time on the wire: RFC 3339 in whole seconds, UTC. */
export const metaTime = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Sets (or appends) the condition `type`; returns a new list. */
export function setCondition(
  list: readonly HorizontalPodAutoscalerCondition[],
  c: { type: string; status: 'True' | 'False'; reason: string; message: string },
  nowIso: string,
): HorizontalPodAutoscalerCondition[] {
  const i = list.findIndex((x) => x.type === c.type);
  const old = i >= 0 ? list[i] : undefined;
  const next: HorizontalPodAutoscalerCondition = {
    type: c.type,
    status: c.status,
    lastTransitionTime: old && old.status === c.status && old.lastTransitionTime ? old.lastTransitionTime : nowIso,
    reason: c.reason,
    message: c.message,
  };
  return i >= 0 ? list.map((x, j) => (j === i ? next : x)) : [...list, next];
}

/** Deep equality of JSON values, ignoring key order and treating absent keys as undefined ones. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameJson(v, (b as unknown[])[i]));
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!sameJson(ra[k], rb[k])) return false;
  return true;
}
