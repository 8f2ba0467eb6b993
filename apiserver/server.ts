// The HTTPS Kubernetes API: koa over node:https. Pipeline per request: Status errors → request info →
// authentication → body → dispatch to the resource handlers, or the non-resource routes (version,
// health, discovery, OpenAPI).
import Koa from 'koa';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { PassThrough } from 'node:stream';
import type { Backend } from '../kine/backend.js';
import { CrdController } from './crd/crd-controller.js';
import { apiGroupList, apiResourceList, apiVersions } from './discovery/index.js';
import { servedAs } from './crd/custom-decode.js';
import { dispatch } from './dispatch.js';
import { internalError, StatusError, tooLarge, unauthorized } from './errors.js';
import type { ApiContext, Security, UserInfo } from './handlers/context.js';
import { nonResourceRoutes } from './routes.js';
import type { Registry } from './registry/registry.js';
import { jsonTextExceeds } from './json-size.js';
import { requestInfo, type RequestInfo, type ResourceRequest } from './request-info.js';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { CsrSigner } from './auth/csr/csr-signer.js';
import { NamespaceCredentials } from './auth/namespace-credentials.js';
import { csrAdmission } from './auth/csr/csr-admission.js';
import { CertificateAuthority } from './tls/certificate-authority.js';
import { RbacCache } from './auth/authz/rbac-cache.js';
import { NodePods } from './auth/authz/node-pods.js';
import { nodeAuthorizer } from './auth/authz/node-authorizer.js';
import { nodeRestriction } from './auth/authz/node-restriction.js';
import { rbacAuthorizer, rbacRulesFor } from './auth/authz/rbac-authorizer.js';
import { rbacWriteAdmission } from './auth/authz/rbac-admission.js';
import { ClusterRoleAggregation } from './auth/authz/cluster-role-aggregation.js';
import { attributesOf, forbiddenMessage, privilegedGroups, unionAuthorizer, type Attributes, type Authorizer } from './auth/attributes.js';
import { Authenticator, type AuthenticatorOptions } from './auth/authn/authenticate.js';
import { ServiceAccountTokens } from './auth/authn/service-account-token.js';
import { storeLookup } from './auth/authn/store-lookup.js';
import { impersonate, impersonationHeaders } from './auth/impersonation.js';
import { ObjectStore } from './storage/object-store.js';

/** The signal of in-process requests made without one (one shared object, not one per request; watches get their own). */
const NEVER_ABORTED = new AbortController().signal;

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
  /** Bearer credentials beside client certificates: static tokens, service-account keys, anonymous access. */
  authentication?: {
    tokens?: Map<string, UserInfo>;
    serviceAccountKey?: { privateKeyPem: string; publicKeyPem: string };
    anonymous?: boolean;
  };
  /** The cluster CA's certificate and key (PEM): signs approved client CertificateSigningRequests. */
  clusterCa?: { cert: string; key: string };
  /** Who may do what: by default system:masters, the Node authorizer, then RBAC. */
  authorizer?: Authorizer;
}

/** upstream's 403 for a denied request, with the resource named in details. */
function forbidden(a: Attributes, reason: string): StatusError {
  const details: Record<string, unknown> = {};
  if (a.resourceRequest) {
    if (a.name) details.name = a.name;
    if (a.apiGroup) details.group = a.apiGroup;
    details.kind = a.resource;
  }
  return new StatusError(403, 'Forbidden', forbiddenMessage(a, reason), details);
}

interface ResourceCall {
  info: ResourceRequest;
  user: UserInfo;
  query: string;
  body?: Buffer;
  /** An in-process client's body as a value (see ApiContext.bodyValue); `body` is then unset. */
  bodyValue?: unknown;
  header(name: string): string | undefined;
  signal: AbortSignal;
  objectEvents?: boolean;
}

interface ResourceAnswer {
  status: number;
  warnings: string[];
  body?: unknown;
  stream?: PassThrough;
  contentType: string;
}

/** A request made in-process (see ApiServer.local). `path` may carry the query after `?`. */
export interface LocalRequest {
  method: string;
  path: string;
  query?: string;
  headers?: Record<string, string>;
  /** JSON value, text or bytes. */
  body?: unknown;
  /** For a watch: stream `{ type, object }` values (shared, read-only objects) instead of JSON text. */
  objectEvents?: boolean;
}

/** The answer: a JSON body (objects, lists, Status) or, for watches, a stream of newline-delimited JSON events. */
export interface LocalResponse {
  status: number;
  warnings: string[];
  body?: unknown;
  stream?: PassThrough;
}

export interface LocalApi {
  /** The identity requests are made as (with system:authenticated). */
  user: UserInfo;
  request(req: LocalRequest, signal?: AbortSignal): Promise<LocalResponse>;
}

export interface ApiServer {
  server: Server;
  store: ObjectStore;
  /** A transport for components in this process, acting as `user` (no authentication step). */
  local(user: UserInfo): LocalApi;
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

  // Authentication (client certificates, bearer tokens, anonymous when allowed), impersonation, then
  // authorization of every request, resource or not, before anything is served.
  const authnOptions: AuthenticatorOptions = { lookup: storeLookup(store), now, anonymous: o.authentication?.anonymous ?? false };
  if (o.authentication?.tokens) authnOptions.tokens = o.authentication.tokens;
  const authenticator = new Authenticator(authnOptions);
  // Authorization as kube-apiserver's default chain: system:masters, then the Node authorizer, then RBAC.
  const rbac = new RbacCache(store);
  const nodePods = new NodePods(store);
  const aggregation = new ClusterRoleAggregation(store, rbac, o.log);
  const authorizer = o.authorizer ?? unionAuthorizer([privilegedGroups, nodeAuthorizer(nodePods), rbacAuthorizer(rbac)]);
  const security: Security = { authenticator, authorizer, rulesFor: rbacRulesFor(rbac), admission: [rbacWriteAdmission(rbac), csrAdmission, nodeRestriction] };
  const csrSigner = o.clusterCa
    ? new CsrSigner(store, new CertificateAuthority(new X509Certificate(o.clusterCa.cert), createPrivateKey(o.clusterCa.key)), now)
    : undefined;
  const credentials = o.clusterCa
    ? new NamespaceCredentials({ store, caCert: o.clusterCa.cert, tokens: () => security.serviceAccountTokens, now, log: o.log })
    : undefined;
  const authzReady = Promise.all([rbac.start().then(() => aggregation.start()), nodePods.start(), csrSigner?.start()]);
  const saKey = o.authentication?.serviceAccountKey;
  const tokensReady = saKey
    ? ServiceAccountTokens.create(saKey).then((tokens) => {
        authnOptions.serviceAccounts = tokens;
        security.serviceAccountTokens = tokens;
      })
    : Promise.resolve();
  app.use(async (ctx, next) => {
    const authn = await authenticator.authenticate(ctx.req.socket as TLSSocket, ctx.get('authorization') || undefined);
    if ('error' in authn) throw unauthorized();
    let user = authn.user;
    const asked = impersonationHeaders(ctx.headers);
    if (asked) user = await impersonate(user, asked, authorizer);
    const info = requestInfo(ctx.method, ctx.path, new URLSearchParams(ctx.querystring));
    const attributes = attributesOf(user, info);
    const decision = await authorizer.authorize(attributes);
    if (!decision.allowed) throw forbidden(attributes, decision.reason);
    ctx.state.user = user;
    ctx.state.authenticatedAs = authn.user;
    ctx.state.info = info;
    await next();
  });

  const router = nonResourceRoutes({ registry: o.registry, store, advertiseAddress: o.advertiseAddress });
  app.use(router.routes());
  app.use(router.allowedMethods());

  /** Serves one resource request for an authenticated, authorized user (HTTPS and in-process alike). */
  async function serveResource(call: ResourceCall): Promise<ResourceAnswer> {
    const { info } = call;
    const entry = o.registry.lookup(info.group, info.version, info.resource);
    if (!entry) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const api: ApiContext = {
      entry,
      info,
      version: info.version,
      query: new URLSearchParams(call.query),
      store,
      registry: o.registry,
      user: call.user,
      security,
      body: call.body,
      contentType: call.header('content-type') || undefined,
      accept: call.header('accept') || 'application/json',
      userAgent: call.header('user-agent') ?? '',
      warnings: [],
      now,
      objectEvents: call.objectEvents,
    };
    if (call.bodyValue !== undefined) {
      api.bodyValue = call.bodyValue;
      let text: Buffer | undefined;
      // Not enumerable: handlers that spread the context into another keep bodyValue, not the text.
      Object.defineProperty(api, 'body', { enumerable: false, get: () => (text ??= Buffer.from(JSON.stringify(call.bodyValue))) });
    }
    const deprecated = entry.custom?.versions[info.version];
    if (deprecated?.deprecated) {
      api.warnings.push(deprecated.deprecationWarning ?? `${entry.group}/${info.version} ${entry.kind} is deprecated`);
    }
    const result = await dispatch(api, call.signal);
    if ('stream' in result) return { status: 200, warnings: api.warnings, stream: result.stream as PassThrough, contentType: result.contentType };
    return { status: result.status, warnings: api.warnings, body: servedAs(entry, info.version, result.body), contentType: 'application/json' };
  }

  app.use(async (ctx) => {
    const info = ctx.state.info as RequestInfo;
    if (info.kind !== 'resource') throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    const body = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) ? await readBody(ctx.req) : undefined;
    // Only watches outlive the request handler; they stop when the client goes away.
    const abort = new AbortController();
    if (info.verb === 'watch') ctx.req.once('close', () => abort.abort());
    const answer = await serveResource({ info, user: ctx.state.user as UserInfo, query: ctx.querystring, body, header: (n) => ctx.get(n) || undefined, signal: abort.signal });
    if (answer.warnings.length) ctx.set('Warning', answer.warnings.map((w) => `299 - ${JSON.stringify(w)}`).join(', '));
    if (answer.stream) {
      ctx.status = 200;
      ctx.type = answer.contentType;
      ctx.set('Cache-Control', 'no-cache, private');
      ctx.set('Transfer-Encoding', 'chunked');
      ctx.req.socket.setTimeout(0);
      ctx.body = answer.stream;
      ctx.res.flushHeaders();
      return;
    }
    ctx.status = answer.status;
    ctx.type = 'application/json';
    ctx.body = answer.body;
  });

  /** Discovery for in-process clients (the namespace and garbage collectors list every resource): JSON only. */
  const localDiscovery = (method: string, path: string): unknown => {
    const parts = path.split('/').filter(Boolean);
    let doc: unknown;
    if (method === 'GET' && parts.length === 1 && parts[0] === 'api') doc = apiVersions(o.advertiseAddress);
    else if (method === 'GET' && parts.length === 1 && parts[0] === 'apis') doc = apiGroupList(o.registry);
    else if (method === 'GET' && parts.length === 2 && parts[0] === 'api') doc = apiResourceList(o.registry, '', parts[1]!);
    else if (method === 'GET' && parts.length === 3 && parts[0] === 'apis') doc = apiResourceList(o.registry, parts[1]!, parts[2]!);
    if (!doc) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
    return doc;
  };

  /**
   * In-process requests for components inside `k8ts server`: no TLS, no sockets, but the same
   * authorization, admission and storage as HTTPS, under the component's own identity. Resource paths
   * and discovery (/api, /apis, /api/v1, /apis/<group>/<version>); failures come back as Status bodies with their code, as over HTTPS.
   */
  const local = (identity: UserInfo): LocalApi => {
    const user: UserInfo = identity.groups.includes('system:authenticated') ? identity : { ...identity, groups: [...identity.groups, 'system:authenticated'] };
    return {
      user,
      async request(req, signal) {
        const [path, inlineQuery = ''] = req.path.split('?', 2) as [string, string?];
        const query = req.query ?? inlineQuery;
        const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
        try {
          const info = requestInfo(req.method, path, new URLSearchParams(query));
          const attributes = attributesOf(user, info);
          const decision = await authorizer.authorize(attributes);
          if (!decision.allowed) throw forbidden(attributes, decision.reason);
          if (info.kind !== 'resource') return { status: 200, warnings: [], body: localDiscovery(req.method, path) };
          // A value body reaches the handlers as a value: they copy it as a JSON round trip would, without the
          // text (components write thousands of objects a second). Its text is size-limited as over HTTPS.
          const isValue = req.body !== undefined && typeof req.body !== 'string' && !Buffer.isBuffer(req.body);
          const body = req.body === undefined || isValue ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body as string);
          if ((body && body.length > MAX_BODY_BYTES) || (isValue && jsonTextExceeds(req.body, MAX_BODY_BYTES))) throw tooLarge();
          const signalOf = signal ?? (info.verb === 'watch' ? new AbortController().signal : NEVER_ABORTED);
          const answer = await serveResource({ info, user, query, body, bodyValue: isValue ? req.body : undefined, header: (n) => headers[n], signal: signalOf, objectEvents: req.objectEvents });
          return { status: answer.status, warnings: answer.warnings, body: answer.body, stream: answer.stream };
        } catch (err) {
          const status = err instanceof StatusError ? err : internalError((err as Error).message);
          if (!(err instanceof StatusError)) o.log?.error({ err, path: req.path }, 'request failed');
          return { status: status.code, warnings: [], body: status.toStatus() };
        }
      },
    };
  };

  const server = createServer(
    { cert: o.tls.cert, key: o.tls.key, ca: o.tls.ca, requestCert: true, rejectUnauthorized: false, minVersion: 'TLSv1.2' },
    app.callback(),
  );
  server.keepAliveTimeout = 90_000;
  return {
    server,
    store,
    local,
    listen: async (port, host) => {
      await Promise.all([crdsReady, tokensReady, authzReady]);
      await credentials?.start();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as { port: number }).port));
      });
    },
    close: () =>
      new Promise((resolve) => {
        crds.stop();
        aggregation.stop();
        rbac.stop();
        nodePods.stop();
        csrSigner?.stop();
        credentials?.stop();
        store.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
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

