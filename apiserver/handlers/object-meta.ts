// System-owned metadata, as upstream's rest.BeforeCreate / BeforeUpdate set it: name from generateName,
// uid, creationTimestamp (second precision), generation bumped only when the spec changes, and fields
// clients may not change on update carried over from the stored object.
import { randomUUID, randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { invalid } from '../errors.js';
import { validateObjectName } from '../validation/names.js';
import type { KubeObject, ResourceEntry } from '../registry/types.js';

/** upstream's utilrand alphabet: no vowels, no confusable characters. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHANUMS[randomInt(ALPHANUMS.length)];
  return s;
}

let lastSecond = NaN;
let lastStamp = '';

/** RFC 3339 at second precision, as upstream's metav1.Time; the string of the current second is reused. */
export function timestamp(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastStamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastStamp;
}

/** Returns true when the name was generated from metadata.generateName. */
export function prepareCreateMeta(e: ResourceEntry, obj: KubeObject, now: Date): boolean {
  const meta = obj.metadata!;
  const generated = !meta.name && !!meta.generateName;
  if (generated) meta.name = meta.generateName + randomSuffix();
  if (!meta.name) {
    throw invalid(e.kind, '', [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }], e.group);
  }
  const nameErrors = validateObjectName(meta.name, e.nameRule ?? 'subdomain', meta.generateName);
  if (nameErrors.length) throw invalid(e.kind, meta.name, nameErrors, e.group);
  meta.uid = randomUUID();
  meta.creationTimestamp = timestamp(now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  if ('spec' in obj) meta.generation = 1;
  else delete meta.generation;
  if (e.hasStatus && !e.statusOnCreate) delete obj.status;
  return generated;
}

/** Carry over what an update may not change; bump generation when the spec changed. */
export function prepareUpdateMeta(e: ResourceEntry, obj: KubeObject, old: KubeObject, subresource?: string): KubeObject {
  const meta = obj.metadata!;
  const oldMeta = old.metadata!;
  // The approval and status subresources keep everything of the stored object but what they change (and
  // leave `obj` as it is: a status patch shares what it did not touch with the stored object).
  if (subresource === 'approval') {
    // The approval subresource (CSRs) changes the approval conditions only.
    const conditions = (obj.status as { conditions?: unknown } | undefined)?.conditions;
    return { ...old, status: { ...(old.status as object), conditions }, metadata: { ...oldMeta, resourceVersion: meta.resourceVersion } };
  }
  if (subresource === 'status') {
    // A status write changes status only: everything else is the stored object's.
    return { ...old, status: obj.status, metadata: { ...oldMeta, resourceVersion: meta.resourceVersion } };
  }
  meta.uid = oldMeta.uid;
  meta.creationTimestamp = oldMeta.creationTimestamp;
  meta.namespace = oldMeta.namespace;
  if (oldMeta.deletionTimestamp) {
    meta.deletionTimestamp = oldMeta.deletionTimestamp;
    meta.deletionGracePeriodSeconds = oldMeta.deletionGracePeriodSeconds;
  } else {
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
  }
  if (e.hasStatus) {
    if (old.status === undefined) delete obj.status;
    else obj.status = old.status;
  }
  if ('spec' in obj || oldMeta.generation !== undefined) {
    const changed = !isDeepStrictEqual(obj.spec, old.spec);
    meta.generation = (oldMeta.generation ?? 0) + (changed ? 1 : 0) || 1;
  } else {
    delete meta.generation;
  }
  return obj;
}
