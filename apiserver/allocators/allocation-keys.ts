// Allocations (service cluster IPs, node ports) as one store key each, created with compare-and-swap:
// two services can never win the same IP or port, even from two servers sharing one datastore.
// The key's value names its owner (`namespace/name`), so allocating again for the same owner is a no-op.
import type { Backend } from '../../kine/backend.js';

export type Claim = 'claimed' | 'taken';

export async function claim(backend: Backend, key: string, owner: string): Promise<Claim> {
  const res = await backend.create(Buffer.from(key), Buffer.from(owner));
  if (res.succeeded) return 'claimed';
  return res.kv?.value.toString() === owner ? 'claimed' : 'taken';
}

export async function release(backend: Backend, key: string, owner: string): Promise<void> {
  const r = await backend.range(Buffer.from(key));
  const kv = r.kvs[0];
  if (kv && kv.value.toString() === owner) await backend.delete(Buffer.from(key), kv.modRevision);
}

/** Every allocation under a prefix: key suffix → owner. */
export async function allocations(backend: Backend, prefix: string): Promise<Map<string, string>> {
  const end = Buffer.from(prefix);
  end[end.length - 1]! += 1;
  const r = await backend.range(Buffer.from(prefix), { rangeEnd: end });
  return new Map(r.kvs.map((kv) => [kv.key.toString().slice(prefix.length), kv.value.toString()]));
}
