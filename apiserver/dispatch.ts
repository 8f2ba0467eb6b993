// Route a resource request to its handler by verb and subresource.
import { methodNotAllowed, notFound, StatusError } from './errors.js';
import type { ApiContext, ApiResult } from './handlers/context.js';
import { bind } from './handlers/binding.js';
import { evict } from './handlers/eviction.js';
import { finalizeNamespace } from './handlers/namespace-finalize.js';
import { create } from './handlers/create.js';
import { decodeObject } from './handlers/decode.js';
import { requestToken } from './auth/token-request.js';
import { deleteCollection } from './handlers/delete-collection.js';
import { remove } from './handlers/delete.js';
import { get } from './handlers/get.js';
import { list } from './handlers/list.js';
import { patch } from './handlers/patch.js';
import { scale } from './handlers/scale.js';
import { update } from './handlers/update.js';
import { watch, type WatchStream } from './handlers/watch.js';
import { ALL_VERBS, type Verb } from './registry/types.js';

const notFoundAtAll = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource');

export async function dispatch(ctx: ApiContext, signal: AbortSignal): Promise<ApiResult | WatchStream> {
  const { info, entry } = ctx;
  const verbs: readonly string[] = entry.verbs ?? ALL_VERBS;
  if (info.subresource) {
    const sub = entry.subresources?.find((s) => s.name === info.subresource);
    if (!sub) throw notFoundAtAll();
    if (!(sub.verbs as string[]).includes(info.verb)) throw methodNotAllowed(`the server does not allow this method on the requested resource`);
    if (sub.name === 'status' || sub.name === 'approval') return serveStatus(ctx);
    if (sub.name === 'scale') return scale(ctx);
    if (sub.name === 'token' && info.verb === 'create') return requestToken(ctx);
    if (sub.name === 'binding' && info.verb === 'create' && entry.plural === 'pods') return bind(ctx);
    if (sub.name === 'finalize' && entry.plural === 'namespaces' && entry.group === '') return finalizeNamespace(ctx);
    if (sub.name === 'eviction' && entry.plural === 'pods' && entry.group === '') return evict(ctx);
    throw new StatusError(404, 'NotFound', `the server could not find the requested resource (${info.resource}/${info.subresource} is not served yet)`);
  }
  if (!entry.namespaced && info.namespace && entry.plural !== 'namespaces') throw notFoundAtAll();
  if (entry.group === '' && entry.plural === 'bindings' && info.verb === 'create') return bind(ctx);
  if (entry.serve) {
    if (info.verb === 'create' && entry.serve.create) return { status: 201, body: await entry.serve.create(ctx, decodeObject(ctx)) };
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  }
  if (!verbs.includes(info.verb as Verb)) throw methodNotAllowed('the server does not allow this method on the requested resource');
  switch (info.verb) {
    case 'get':
      return get(ctx);
    case 'list':
      return list(ctx);
    case 'watch':
      return watch(ctx, signal);
    case 'create':
      return create(ctx);
    case 'update':
      return update(ctx);
    case 'patch':
      return patch(ctx);
    case 'delete':
      return remove(ctx);
    case 'deletecollection':
      return deleteCollection(ctx);
  }
  throw methodNotAllowed(`the server does not allow this method on the requested resource`);
}

function serveStatus(ctx: ApiContext): Promise<ApiResult> {
  switch (ctx.info.verb) {
    case 'get':
      return get(ctx);
    case 'update':
      return update(ctx);
    case 'patch':
      return patch(ctx);
  }
  throw notFound(ctx.entry.plural, ctx.info.name ?? '');
}
