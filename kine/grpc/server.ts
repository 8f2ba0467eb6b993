// `k8ts kine`'s network face: the etcd v3 gRPC API over a Backend, on plain HTTP/2 (http:// URLs).
import * as grpc from '@grpc/grpc-js';
import { createServer, type Server as NetServer } from 'node:net';
import type { Backend } from '../backend.js';
import { InvalidArgumentError } from '../errors.js';
import { acceptConnection } from './authority-shim.js';
import { kvService } from './kv-service.js';
import { leaseService } from './lease-service.js';
import { clusterService, maintenanceService } from './maintenance-service.js';
import { etcdserverpb } from './proto.js';
import { watchService, type WatchServiceOptions } from './watch-service.js';

export interface KineServerOptions extends WatchServiceOptions {
  backend: Backend;
  /** Comma-separated `http://host:port` URLs; port 0 picks a free port. */
  listenClientUrls: string;
  /** Largest gRPC message accepted, in bytes (requests over the store's own limit fail there, clearly). */
  maxReceiveBytes?: number;
}

export interface KineServer {
  /** The URLs actually bound (with real ports). */
  urls: string[];
  close(): Promise<void>;
}

export function parseListenUrl(url: string): { host: string; port: number } {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new InvalidArgumentError(`kine: invalid listen URL ${JSON.stringify(url)}`);
  }
  if (u.protocol !== 'http:') throw new InvalidArgumentError(`kine: only http:// listen URLs are supported, got ${url}`);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port === '' ? 2379 : Number(u.port) };
}

export async function startKineServer(o: KineServerOptions): Promise<KineServer> {
  const pb = etcdserverpb();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': o.maxReceiveBytes ?? 8 * 1024 * 1024,
    'grpc.max_send_message_length': -1,
    'grpc.enable_channelz': 0,
  });
  const urls: string[] = [];
  const listeners: NetServer[] = [];
  server.addService(pb.KV!.service, kvService(o.backend));
  server.addService(pb.Watch!.service, watchService(o.backend, o));
  server.addService(pb.Lease!.service, leaseService(o.backend));
  server.addService(pb.Maintenance!.service, maintenanceService(o.backend));
  server.addService(pb.Cluster!.service, clusterService(o.backend, () => urls));
  // Our own listeners hand each connection to grpc through the authority shim (authority-shim.ts).
  const injector = server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
  for (const url of o.listenClientUrls.split(',').filter((s) => s.trim())) {
    const { host, port } = parseListenUrl(url);
    const listener = createServer({ noDelay: true }, (socket) => injector.injectConnection(acceptConnection(socket)));
    const bound = await new Promise<number>((resolve, reject) => {
      listener.once('error', (err) => reject(new InvalidArgumentError(`kine: cannot listen on ${url}: ${err.message}`)));
      listener.listen(port, host, () => resolve((listener.address() as { port: number }).port));
    });
    listeners.push(listener);
    urls.push(`http://${host.includes(':') ? `[${host}]` : host}:${bound}`);
  }
  return {
    urls,
    close: async () => {
      for (const l of listeners) l.close();
      await new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 2000).unref();
      });
    },
  };
}
