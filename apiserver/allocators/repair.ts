// At start, make the allocation keys agree with the services that exist (upstream's repair loops):
// keys of services that are gone (a crash between delete and release) are dropped, and services whose
// keys are missing get them back.
import { services } from '../registry/core/services.js';
import type { ObjectStore } from '../storage/object-store.js';
import { allocations, claim } from './allocation-keys.js';
import { NODE_PORT_PREFIX } from './node-ports.js';
import { SERVICE_IP_PREFIX } from './service-ips.js';

export async function repairAllocations(store: ObjectStore): Promise<{ released: number; restored: number }> {
  const backend = store.backend;
  const want = new Map<string, string>();
  for (const svc of (await store.list(services, undefined)).items) {
    const owner = `${svc.metadata!.namespace}/${svc.metadata!.name}`;
    const spec = (svc.spec ?? {}) as { clusterIP?: string; ports?: Array<{ nodePort?: number; protocol?: string }> };
    if (spec.clusterIP && spec.clusterIP !== 'None') want.set(SERVICE_IP_PREFIX + spec.clusterIP, owner);
    for (const p of spec.ports ?? []) if (p.nodePort) want.set(`${NODE_PORT_PREFIX}${p.protocol ?? 'TCP'}/${p.nodePort}`, owner);
  }
  let released = 0;
  let restored = 0;
  for (const prefix of [SERVICE_IP_PREFIX, NODE_PORT_PREFIX]) {
    for (const [suffix, owner] of await allocations(backend, prefix)) {
      if (want.get(prefix + suffix) !== owner) {
        await backend.deleteRange(Buffer.from(prefix + suffix));
        released++;
      }
    }
  }
  for (const [key, owner] of want) {
    const r = await backend.range(Buffer.from(key));
    if (!r.kvs[0] && (await claim(backend, key, owner)) === 'claimed') restored++;
  }
  return { released, restored };
}
