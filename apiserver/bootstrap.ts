// Objects every cluster has from its first start: the system namespaces (as upstream's
// SystemNamespaces controller makes them). Idempotent: a restart finds them and changes nothing.
import { randomUUID } from 'node:crypto';
import { namespaces } from './registry/core/namespaces.js';
import type { ObjectStore } from './storage/object-store.js';
import { timestamp } from './handlers/object-meta.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function bootstrapObjects(store: ObjectStore, now: Date = new Date()): Promise<void> {
  for (const name of SYSTEM_NAMESPACES) {
    if (await store.get(namespaces, undefined, name)) continue;
    await store
      .create(namespaces, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          uid: randomUUID(),
          creationTimestamp: timestamp(now),
          labels: { 'kubernetes.io/metadata.name': name },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      })
      .catch((err) => {
        if ((err as { code?: number }).code !== 409) throw err;
      });
  }
}
