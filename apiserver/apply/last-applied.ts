// kubectl's client-side apply annotation, as the apiserver's field manager treats it when `kubectl` (the
// manager of `kubectl apply --server-side`) applies (fieldmanager's lastAppliedManager and lastAppliedUpdater):
// conflicts on fields that the annotation records with the live value are allowed, so that moving from
// client-side to server-side apply does not conflict with `kubectl-client-side-apply`; and an object that
// carries the annotation has it rewritten to the applied configuration, so that going back still works.
import { isDeepStrictEqual } from 'node:util';
import { difference, type FieldSet } from './field-set.js';
import { compare } from './compare.js';
import { fieldSetOf } from './to-field-set.js';
import type { Shape } from './schema.js';

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

type Obj = { apiVersion?: unknown; metadata?: { annotations?: Record<string, string> } & Record<string, unknown> } & Record<string, unknown>;

/** The fields the annotation records with their live values; undefined when there is no usable annotation. */
export function allowedFromLastApplied(live: Obj, apiVersion: string, shape: Shape): FieldSet | undefined {
  const text = live.metadata?.annotations?.[LAST_APPLIED];
  if (!text) return undefined;
  let last: unknown;
  try {
    last = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!last || typeof last !== 'object' || Array.isArray(last) || (last as Obj).apiVersion !== apiVersion) return undefined;
  const c = compare(last, live, shape);
  return difference(difference(difference(fieldSetOf(last, shape, { allowDuplicates: true }), c.modified), c.added), c.removed);
}

export function hasLastApplied(obj: Obj): boolean {
  return Boolean(obj.metadata?.annotations?.[LAST_APPLIED]);
}

/** The annotation's value for an applied configuration: the configuration without the annotation, as kubectl encodes it. */
export function lastAppliedValue(config: Obj): string {
  const copy = structuredClone(config);
  const annotations = copy.metadata?.annotations;
  if (annotations) delete annotations[LAST_APPLIED];
  return `${goJson(copy)}\n`;
}

/** encoding/json of a map[string]interface{}: keys sorted, `<`, `>` and `&` escaped. */
function goJson(v: unknown): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x && typeof x === 'object') return Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted((x as Record<string, unknown>)[k])]));
    return x;
  };
  return JSON.stringify(sorted(v)).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Rewrite the annotation of `result` when it has one; true when that changed the object. */
export function updateLastApplied(result: Obj, config: Obj): boolean {
  if (!hasLastApplied(result)) return false;
  const value = lastAppliedValue(config);
  const annotations = result.metadata!.annotations!;
  if (isDeepStrictEqual(annotations[LAST_APPLIED], value)) return false;
  annotations[LAST_APPLIED] = value;
  return true;
}
