import { createHash } from 'node:crypto';
import type { Registry } from '../registry/registry.js';
import { ALL_VERBS, storagePrefix, type ResourceEntry } from '../registry/types.js';

/**
 * Mirrors apiserver's StorageVersionHash: base64 of the first 8 bytes of sha256("group/version/kind"),
 * e.g. "/v1/Pod" → "xPOwRZ+Yhw8=". Clients compare it to notice a change of storage version.
 */
export function storageVersionHash(group: string, version: string, kind: string): string {
  return createHash('sha256').update(`${group}/${version}/${kind}`).digest().subarray(0, 8).toString('base64');
}

/**
 * The hash of the kind an entry is stored as: the first entry sharing its storage prefix (so
 * events.k8s.io events hash as core v1 Event, as upstream), at its preferred version. Undefined for
 * resources without storage, told apart by not supporting watch (bindings, componentstatuses).
 */
export function entryStorageVersionHash(registry: Registry, entry: ResourceEntry): string | undefined {
  if (!(entry.verbs ?? ALL_VERBS).includes('watch')) return undefined;
  const prefix = storagePrefix(entry);
  const owner = registry.all().find((e) => storagePrefix(e) === prefix) ?? entry;
  return storageVersionHash(owner.group, owner.versions[0]!, owner.kind);
}
