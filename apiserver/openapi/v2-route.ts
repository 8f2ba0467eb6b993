// The HTTP handler of `GET /openapi/v2` and its legacy twin `GET /swagger-2.0.0.pb-v1`, over OpenApiV2Cache.
// `/openapi/v2` negotiates JSON or protobuf by Accept (kube-openapi's handler); `/swagger-2.0.0.pb-v1` is
// protobuf whatever the Accept, because client-go's fallback (openAPISchemaDeprecated) asks for it with its
// default `Accept: application/json, */*` and then decodes the body as protobuf. Both honour If-None-Match.
import type { Context } from 'koa';
import { StatusError } from '../errors.js';
import type { Registry } from '../registry/registry.js';
import { negotiateOpenapiV2, OPENAPI_V2_PROTOBUF, OpenApiV2Cache } from './v2.js';

/** Paths the handler serves, as one route pattern. */
export const OPENAPI_V2_ROUTE = /^\/(?:openapi\/v2|swagger-2\.0\.0\.pb-v1)\/?$/;

export function openapiV2Handler(registry: Registry): (ctx: Context) => void {
  const cache = new OpenApiV2Cache(registry);
  return (ctx) => {
    const legacy = ctx.path.startsWith('/swagger-');
    const format = legacy ? 'protobuf' : negotiateOpenapiV2(ctx.get('accept'));
    if (!legacy) ctx.vary('Accept');
    if (!format) {
      throw new StatusError(406, 'NotAcceptable', `only the following media types are accepted: application/json, ${OPENAPI_V2_PROTOBUF}`);
    }
    const { body, contentType, etag } = cache.get(format);
    ctx.set('Etag', `"${etag}"`);
    ctx.type = contentType;
    ctx.body = body;
    if (ctx.fresh) ctx.status = 304;
  };
}
