// RFC 7386 JSON merge patch as kube-apiserver applies it (gopkg.in/evanphx/json-patch.v4 MergePatch):
// objects merge member by member, `null` deletes a member, anything else (arrays included) replaces.
// Like v4, a value that is stored rather than merged loses its null members at every depth, also in
// objects inside arrays, so `{"metadata":{"labels":{"a":null}}}` never leaves a null behind.
// Used by kubectl label/annotate/scale and `kubectl patch --type=merge`, and by the kubelet's status writes.
// Pure: inputs are not changed.

import { copyJson } from '../apply/json-copy.js';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The merge of `patch` into `target`, a new value sharing nothing with either. A non-object patch replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  // copyJson, not structuredClone: this runs on every patch.
  return mergeInto(target === undefined ? undefined : copyJson(target), patch, false);
}

/**
 * The same merge as a new value that shares every member the patch leaves alone with `target` (the stored
 * object, never changed): only the objects along the patch's paths are new, and `metadata` always is. Callers
 * may change only what the patch touched.
 */
export function mergePatchSharing(target: unknown, patch: unknown): unknown {
  const out = mergeInto(target, patch, true);
  if (isObject(out) && isObject(out.metadata) && isObject(target) && out.metadata === target.metadata) out.metadata = { ...out.metadata };
  return out;
}

/** Merges into `target` itself, or (`copyAlong`) into shallow copies of the objects along the patch's paths. */
function mergeInto(target: unknown, patch: unknown, copyAlong: boolean): unknown {
  if (!isObject(patch)) return withoutNulls(patch);
  const result: JsonObject = isObject(target) ? (copyAlong ? { ...target } : target) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else if (Object.prototype.hasOwnProperty.call(result, key) && result[key] !== null) {
      result[key] = mergeInto(result[key], value, copyAlong);
    } else {
      result[key] = withoutNulls(value);
    }
  }
  return result;
}

/** A deep copy without null object members; null array items stay (they are values, not deletions). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = withoutNulls(v);
  return out;
}
