// The non-resource paths: /version, health checks, discovery and OpenAPI.
import Router from '@koa/router';
import type { Context } from 'koa';
import { aggregatedDiscovery, apiGroupList, apiResourceList, apiVersions, negotiateDiscovery } from './discovery/index.js';
import { namedGroups } from './discovery/legacy.js';
import { StatusError } from './errors.js';
import { OPENAPI_V2_ROUTE, openapiV2Handler } from './openapi/v2-route.js';
import { OpenApiV3Cache } from './openapi/v3.js';
import type { Registry } from './registry/registry.js';
import type { ObjectStore } from './storage/object-store.js';
import { versionInfo } from './version.js';

export interface RouteDeps {
  registry: Registry;
  store: ObjectStore;
  advertiseAddress: string;
}

const HEALTH_CHECKS = ['ping', 'log', 'etcd', 'poststarthook/start-informers'];

export function nonResourceRoutes(deps: RouteDeps): Router {
  const r = new Router();
  r.get('/version', (ctx) => {
    ctx.body = versionInfo();
  });
  for (const check of ['healthz', 'livez', 'readyz']) {
    r.get(`/${check}`, async (ctx) => {
      await deps.store.backend.currentRevision();
      if (ctx.query.verbose !== undefined) {
        ctx.type = 'text/plain';
        ctx.body = HEALTH_CHECKS.map((c) => `[+]${c} ok`).join('\n') + `\n${check} check passed\n`;
      } else {
        ctx.type = 'text/plain';
        ctx.body = 'ok';
      }
    });
    r.get(`/${check}/:name`, (ctx) => {
      ctx.type = 'text/plain';
      ctx.body = 'ok';
    });
  }
  const cache = new Map<string, unknown>();
  deps.registry.onChange(() => cache.clear());
  const cached = <T>(key: string, make: () => T): T => {
    if (!cache.has(key)) cache.set(key, make());
    return cache.get(key) as T;
  };
  const discovery = (root: 'core' | 'apis', legacy: () => unknown) => (ctx: Context) => {
    const format = negotiateDiscovery(ctx.get('accept'));
    if (!format) throw new StatusError(406, 'NotAcceptable', 'only the following media types are accepted: application/json, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    ctx.body = format.aggregated ? cached(`${root}/${format.aggregated}`, () => aggregatedDiscovery(deps.registry, root, format.aggregated as 'v2' | 'v2beta1')) : legacy();
    ctx.type = format.contentType;
    ctx.set('Vary', 'Accept');
  };
  // OpenAPI v3: the index, then one document per group-version, immutable at its hashed URL.
  const openapi = new OpenApiV3Cache(deps.registry);
  r.get('/openapi/v3', (ctx) => {
    ctx.body = openapi.index();
  });
  r.get(/^\/openapi\/v3\/(.+)$/, (ctx) => {
    const path = ctx.path.slice('/openapi/v3/'.length);
    const doc = openapi.document(path);
    if (!doc) throw notFound();
    const asked = ctx.query.hash;
    if (asked && asked !== doc.hash) {
      ctx.status = 301;
      ctx.redirect(`/openapi/v3/${path}?hash=${doc.hash}`);
      return;
    }
    if (asked) ctx.set('Cache-Control', 'public, immutable');
    else ctx.set('Cache-Control', 'no-cache, private');
    ctx.set('Etag', `"${doc.hash}"`);
    ctx.type = 'application/json';
    ctx.body = doc.json;
  });
  // OpenAPI v2, one document for the whole API: kubectl 1.20–1.28 download it (protobuf) to validate and explain.
  r.get(OPENAPI_V2_ROUTE, openapiV2Handler(deps.registry));
  r.get('/api', discovery('core', () => apiVersions(deps.advertiseAddress)));
  r.get('/apis', discovery('apis', () => cached('apis', () => apiGroupList(deps.registry))));
  r.get('/api/:version', (ctx) => {
    ctx.body = resourceList(deps, cached, '', ctx.params.version!);
  });
  r.get('/apis/:group', (ctx) => {
    const group = namedGroups(deps.registry).find((g) => g.name === ctx.params.group);
    if (!group) throw notFound();
    ctx.body = { kind: 'APIGroup', apiVersion: 'v1', ...group };
  });
  r.get('/apis/:group/:version', (ctx) => {
    ctx.body = resourceList(deps, cached, ctx.params.group!, ctx.params.version!);
  });
  return r;
}

const notFound = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

function resourceList(deps: RouteDeps, cached: <T>(key: string, make: () => T) => T, group: string, version: string) {
  const list = cached(`${group}/${version}`, () => apiResourceList(deps.registry, group, version));
  if (!list) throw notFound();
  return list;
}
