// Setting a condition in a list the way upstream's helpers do: lastTransitionTime moves only when
// the status flips; reason and message are replaced.
import type { Condition } from './api-types.js';

/** A new list with `next` in place of the condition of its type (appended when absent). */
export function setCondition(list: readonly Condition[] | undefined, next: Condition, nowIso: string): Condition[] {
  const out = [...(list ?? [])];
  const i = out.findIndex((c) => c.type === next.type);
  const old = i >= 0 ? out[i] : undefined;
  const merged: Condition = { ...next, lastTransitionTime: old && old.status === next.status ? old.lastTransitionTime : (next.lastTransitionTime ?? nowIso) };
  if (i >= 0) out[i] = merged;
  else out.push(merged);
  return out;
}

export function findCondition(list: readonly Condition[] | undefined, type: string): Condition | undefined {
  return list?.find((c) => c.type === type);
}

export function hasTrueCondition(list: readonly Condition[] | undefined, type: string): boolean {
  return findCondition(list, type)?.status === 'True';
}
