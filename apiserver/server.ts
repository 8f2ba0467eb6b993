// The HTTPS Kubernetes API: koa over node:https. Pipeline per request: Status errors → request info →
// authentication → body → dispatch to the resource handlers, or the non-resource routes (version,
// health, discovery, OpenAPI).
import Koa from 'koa';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { PassThrough } from 'node:stream';
import type { Backend } from '../kine/backend.js';
import { CrdController } from './crd/crd-controller.js';
import { servedAs } from './crd/custom-decode.js';
import { dispatch } from './dispatch.js';
import { internalError, StatusError, tooLarge, unauthorized } from './errors.js';
import type { ApiContext, UserInfo } from './handlers/context.js';
import { nonResourceRoutes } from './routes.js';
import type { Registry } from './registry/registry.js';
import { requestInfo } from './request-info.js';
import { ObjectStore } from './storage/object-store.js';

/** upstream's default --max-request-bytes for bodies (3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

export interface ApiServerOptions {
  registry: Registry;
  backend: Backend;
  tls: { cert: string; key: string; ca: string };
  /** Where clients reach us (discovery's serverAddressByClientCIDRs). */
  advertiseAddress: string;
  now?: () => Date;
  log?: { info(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

export interface ApiServer {
  server: Server;
  store: ObjectStore;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createApiServer(o: ApiServerOptions): ApiServer {
  const store = new ObjectStore(o.backend);
  const now = o.now ?? (() => new Date());
  // CRDs are served from the first request on: listening waits for the stored ones to be registered.
  const crds = new CrdController({ store, registry: o.registry, now, log: o.log });
  const crdsReady = crds.start();
  const app = new Koa();

  app.use(async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const status = err instanceof StatusError ? err : internalError((err as Error).message);
      if (!(err instanceof StatusError)) o.log?.error({ err, path: ctx.path }, 'request failed');
      ctx.status = status.code;
      ctx.type = 'application/json';
      ctx.body = status.toStatus();
    }
  });

  // Authentication: x509 client certificates signed by the cluster CA (CN = user, O = groups).
  app.use(async (ctx, next) => {
    const user = authenticate(ctx.req.socket as TLSSocket);
    if (!user) throw unauthorized();
    ctx.state.user = user;
    await next();
  });

  const router = nonResourceRoutes({ registry: o.registry, store, advertiseAddress: o.advertiseAddress });
  app.use(router.routes());
  app.use(router.allowedMethods());

  app.use(async (ctx) => {
    const info = requestInfo(ctx.method, ctx.path, new URLSearchParams(ctx.querystring));
    if (info.kind !== 'resource') throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const entry = o.registry.lookup(info.group, info.version, info.resource);
    if (!entry) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) ? await readBody(ctx.req) : undefined;
    const api: ApiContext = {
      entry,
      info,
      version: info.version,
      query: new URLSearchParams(ctx.querystring),
      store,
      registry: o.registry,
      user: ctx.state.user as UserInfo,
      body,
      contentType: ctx.get('content-type') || undefined,
      accept: ctx.get('accept') || 'application/json',
      userAgent: ctx.get('user-agent'),
      warnings: [],
      now,
    };
    // Only watches outlive the request handler; they stop when the client goes away.
    const abort = new AbortController();
    if (info.verb === 'watch') ctx.req.once('close', () => abort.abort());
    const deprecated = entry.custom?.versions[info.version];
    if (deprecated?.deprecated) {
      api.warnings.push(deprecated.deprecationWarning ?? `${entry.group}/${info.version} ${entry.kind} is deprecated`);
    }
    const result = await dispatch(api, abort.signal);
    if (api.warnings.length) ctx.set('Warning', api.warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', '));
    if ('stream' in result) {
      ctx.status = 200;
      ctx.type = result.contentType;
      ctx.set('Cache-Control', 'no-cache, private');
      ctx.set('Transfer-Encoding', 'chunked');
      ctx.req.socket.setTimeout(0);
      ctx.body = result.stream as PassThrough;
      ctx.res.flushHeaders();
      return;
    }
    ctx.status = result.status;
    ctx.type = 'application/json';
    ctx.body = servedAs(entry, info.version, result.body);
  });

  const server = createServer(
    { cert: o.tls.cert, key: o.tls.key, ca: o.tls.ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
    app.callback(),
  );
  server.keepAliveTimeout = 90_000;
  return {
    server,
    store,
    listen: async (port, host) => {
      await crdsReady;
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      });
    },
    close: () =>
      new Promise((resolve) => {
        crds.stop();
        store.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Who a TLS connection's client certificate names, worked out once per connection. */
const usersBySocket = new WeakMap<TLSSocket, UserInfo | null>();

function authenticate(socket: TLSSocket): UserInfo | undefined {
  let user = usersBySocket.get(socket);
  if (user === undefined) {
    user = userOfCertificate(socket) ?? null;
    usersBySocket.set(socket, user);
  }
  return user ?? undefined;
}

function userOfCertificate(socket: TLSSocket): UserInfo | undefined {
  if (!socket.authorized) return undefined;
  const cert = socket.getPeerCertificate();
  if (!cert?.subject?.CN) return undefined;
  const o = cert.subject.O;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return { name: String(cert.subject.CN), groups: [...groups.map(String), "system:authenticated"] };
}

async function readBody(req: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

