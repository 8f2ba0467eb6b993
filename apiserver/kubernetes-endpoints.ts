// The `kubernetes` service's Endpoints and EndpointSlice in `default`, which the apiserver itself keeps
// (upstream's endpoint reconciler): they point at this server's advertised address and port, so that
// in-cluster clients (and kube-proxy's rules) reach it. Written at every start, after the port is known.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { timestamp } from './handlers/object-meta.js';
import { endpoints } from './registry/core/endpoints.js';
import { endpointslices } from './registry/discovery/endpointslices.js';
import type { KubeObject, ResourceEntry } from './registry/types.js';
import type { ObjectStore } from './storage/object-store.js';

export async function publishApiEndpoints(store: ObjectStore, o: { ip: string; port: number; now?: Date }): Promise<void> {
  const now = timestamp(o.now ?? new Date());
  const ports = [{ name: 'https', port: o.port, protocol: 'TCP' }];
  const family = o.ip.includes(':') ? 'IPv6' : 'IPv4';
  await upsert(store, endpoints, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: o.ip }], ports }],
  }, now);
  await upsert(store, endpointslices, {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: family,
    endpoints: [{ addresses: [o.ip], conditions: { ready: true } }],
    ports,
  }, now);
}

async function upsert(store: ObjectStore, entry: ResourceEntry, wanted: KubeObject, now: string): Promise<void> {
  const current = await store.get(entry, 'default', 'kubernetes');
  const { apiVersion: _a, kind: _k, metadata: _m, ...content } = wanted;
  if (!current) {
    await store.create(entry, { ...wanted, metadata: { ...wanted.metadata, uid: randomUUID(), creationTimestamp: now } }).catch((err) => {
      if ((err as { code?: number }).code !== 409) throw err;
    });
    return;
  }
  const { apiVersion: _ca, kind: _ck, metadata: _cm, ...have } = current;
  if (isDeepStrictEqual(have, content) && isDeepStrictEqual(current.metadata?.labels, wanted.metadata?.labels)) return;
  await store.guaranteedUpdate(entry, 'default', 'kubernetes', (obj) => ({ ...obj, ...content, metadata: { ...obj.metadata, labels: wanted.metadata?.labels } }));
}
