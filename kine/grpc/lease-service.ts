// etcdserverpb.Lease: grant, revoke, keep-alive (a stream), time-to-live and the list of leases.
import type * as grpc from '@grpc/grpc-js';
import type { Backend } from '../backend.js';
import { LeaseNotFoundError } from '../errors.js';
import { unary } from './errors.js';
import { header } from './header.js';
import { num } from './wire.js';

export function leaseService(backend: Backend) {
  const head = async () => header(await backend.currentRevision());
  return {
    LeaseGrant: unary(async (req: { TTL: string; ID: string }) => {
      const l = await backend.leaseGrant(num(req.TTL), BigInt(req.ID ?? 0));
      return { header: await head(), ID: l.id.toString(), TTL: l.ttl, error: '' };
    }),
    LeaseRevoke: unary(async (req: { ID: string }) => {
      await backend.leaseRevoke(BigInt(req.ID ?? 0));
      return { header: await head() };
    }),
    LeaseTimeToLive: unary(async (req: { ID: string; keys: boolean }) => {
      const info = await backend.leaseTimeToLive(BigInt(req.ID ?? 0), { keys: req.keys });
      return { header: await head(), ID: info.id.toString(), TTL: info.remaining, grantedTTL: info.ttl, keys: info.keys ?? [] };
    }),
    LeaseLeases: unary(async () => {
      const ids = await backend.leaseLeases();
      return { header: await head(), leases: ids.map((id) => ({ ID: id.toString() })) };
    }),
    LeaseKeepAlive: (call: grpc.ServerDuplexStream<{ ID: string }, object>) => {
      call.on('data', (req: { ID: string }) => {
        const id = BigInt(req.ID ?? 0);
        backend.leaseKeepAlive(id).then(
          async (ttl) => call.write({ header: await head(), ID: id.toString(), TTL: ttl }),
          async (err) => {
            // etcd answers a keep-alive of an unknown lease with TTL 0 rather than an error.
            if (err instanceof LeaseNotFoundError) call.write({ header: await head(), ID: id.toString(), TTL: 0 });
            else call.destroy(err as Error);
          },
        );
      });
      call.on('end', () => call.end());
    },
  };
}
