// The non-resource paths: /version, health checks, discovery and OpenAPI.
import Router from '@koa/router';
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
  return r;
}
