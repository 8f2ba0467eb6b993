// PATCH an object: JSON patch, merge patch and strategic merge patch (patch/index.ts), and
// server-side apply (application/apply-patch+yaml). A patch body carrying metadata.resourceVersion is a
// precondition (kubectl diff relies on it), as upstream.
import { parse as parseYaml } from 'yaml';
import { badRequest, StatusError } from '../errors.js';
import { APPLY_PATCH_YAML, applyPatch, patchFailureError } from '../patch/index.js';
import { patchMeta } from '../schema/patch-meta.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext, ApiResult } from './context.js';
import { create } from './create.js';
import { checkDepth, checkPatchedObject, mediaType } from './decode.js';
import { prepareUpdateMeta } from './object-meta.js';
import { writeUpdate } from './update.js';

export async function patch(ctx: ApiContext): Promise<ApiResult> {
  const type = mediaType(ctx.contentType);
  const body = ctx.body ?? Buffer.alloc(0);
  checkDepth(body.toString());
  if (type === APPLY_PATCH_YAML) return serverSideApply(ctx, body);
  const name = ctx.info.name!;
  const rv = resourceVersionIn(type, body);
  return writeUpdate(
    ctx,
    (current) => {
      const outcome = applyPatch(ctx.contentType, current, body, { strategic: { model: ctx.entry.model, meta: patchMeta } });
      if (!outcome.ok) throw patchFailureError(outcome.failure);
      const next = outcome.object as KubeObject;
      next.metadata ??= {};
      if (next.metadata.name !== name) throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
      next.apiVersion = current.apiVersion;
      next.kind = current.kind;
      checkPatchedObject(ctx, next);
      return prepareUpdateMeta(ctx.entry, next, current, ctx.info.subresource);
    },
    rv,
  );
}

/** The resourceVersion a merge-style patch body sets, which makes it a precondition. */
export function resourceVersionIn(type: string, body: Buffer): string | undefined {
  if (type === 'application/json-patch+json') return undefined;
  try {
    const parsed = JSON.parse(body.toString()) as { metadata?: { resourceVersion?: unknown } };
    const rv = parsed?.metadata?.resourceVersion;
    return typeof rv === 'string' && rv !== '' ? rv : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Server-side apply, first cut: create when missing, else merge the applied configuration into the
 * object (strategic merge semantics). Field ownership and conflicts come with the SSA issue.
 */
async function serverSideApply(ctx: ApiContext, body: Buffer): Promise<ApiResult> {
  let applied: KubeObject;
  try {
    applied = parseYaml(body.toString()) as KubeObject;
  } catch (err) {
    throw badRequest(`error decoding YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!applied || typeof applied !== 'object' || Array.isArray(applied)) throw badRequest('the applied configuration must be an object');
  const name = ctx.info.name!;
  if (applied.metadata?.name && applied.metadata.name !== name) {
    throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${name})`);
  }
  const existing = await ctx.store.get(ctx.entry, ctx.entry.namespaced ? ctx.info.namespace : undefined, name);
  if (!existing) {
    const createCtx: ApiContext = {
      ...ctx,
      info: { ...ctx.info, name: undefined, verb: 'create' },
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify({ ...applied, metadata: { ...applied.metadata, name } })),
    };
    return create(createCtx);
  }
  const smpBody = Buffer.from(JSON.stringify(applied));
  return writeUpdate(ctx, (current) => {
    const outcome = applyPatch('application/strategic-merge-patch+json', current, smpBody, { strategic: { model: ctx.entry.model, meta: patchMeta } });
    if (!outcome.ok) throw patchFailureError(outcome.failure);
    const next = outcome.object as KubeObject;
    if (next.apiVersion !== current.apiVersion || next.kind !== current.kind) {
      throw new StatusError(400, 'BadRequest', `the applied object's apiVersion and kind (${next.apiVersion}, ${next.kind}) do not match the URL`);
    }
    checkPatchedObject(ctx, next);
    return prepareUpdateMeta(ctx.entry, next, current, ctx.info.subresource);
  });
}
