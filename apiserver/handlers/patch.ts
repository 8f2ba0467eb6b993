// PATCH an object: JSON patch, merge patch and strategic merge patch (patch/index.ts), and server-side apply
// (application/apply-patch+yaml, ../apply/request.ts). As upstream: a merge-style body carrying
// metadata.resourceVersion is a precondition (kubectl diff relies on it), and a patched object whose
// resourceVersion differs from the stored one is a 409 (kubectl's csaupgrade JSON patch replaces
// /metadata/resourceVersion for that); `force` is only for apply.
import { badRequest, conflict, MODIFIED } from '../errors.js';
import { jsonValueOf } from '../apply/json-copy.js';
import { APPLY_PATCH_YAML, applyPatch, patchFailureError, type PatchBody } from '../patch/index.js';
import { patchMeta } from '../schema/patch-meta.js';
import { qualifiedResource, type KubeObject } from '../registry/types.js';
import { serverSideApply, validatePatchOptions } from '../apply/request.js';
import type { ApiContext, ApiResult } from './context.js';
import { checkDepth, checkPatchedObject, mediaType } from './decode.js';
import { prepareUpdateMeta } from './object-meta.js';
import { writeUpdate } from './update.js';

export async function patch(ctx: ApiContext): Promise<ApiResult> {
  const type = mediaType(ctx.contentType);
  // An in-process client's patch is a value already (copied as a JSON round trip would); others are text.
  const body: PatchBody = ctx.bodyValue !== undefined && type !== APPLY_PATCH_YAML ? { value: jsonValueOf(ctx.bodyValue) } : (ctx.body ?? Buffer.alloc(0));
  if (body instanceof Uint8Array) checkDepth(body.toString());
  if (type === APPLY_PATCH_YAML) return serverSideApply(ctx, body as Buffer);
  validatePatchOptions(ctx, false);
  const name = ctx.info.name!;
  const rv = resourceVersionIn(type, body);
  return writeUpdate(
    ctx,
    (current) => {
      // A status patch keeps only the patched status (prepareUpdateMeta): its result may share the rest.
      const shareUntouched = ctx.info.subresource === 'status';
      const outcome = applyPatch(ctx.contentType, current, body, { strategic: { model: ctx.entry.model, meta: patchMeta }, shareUntouched });
      if (!outcome.ok) throw patchFailureError(outcome.failure);
      const next = outcome.object as KubeObject;
      next.metadata ??= {};
      if (next.metadata.name !== name) throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
      if (next.metadata.resourceVersion && next.metadata.resourceVersion !== current.metadata?.resourceVersion) {
        throw conflict(qualifiedResource(ctx.entry), name, MODIFIED, ctx.entry.group);
      }
      next.apiVersion = current.apiVersion;
      next.kind = current.kind;
      checkPatchedObject(ctx, next, current);
      return prepareUpdateMeta(ctx.entry, next, current, ctx.info.subresource);
    },
    // applyPatch patches a copy of its own
    { resourceVersion: rv, readOnlyCurrent: true },
  );
}

/** The resourceVersion a merge-style patch body sets, which makes it a precondition. */
export function resourceVersionIn(type: string, body: PatchBody): string | undefined {
  if (type === 'application/json-patch+json') return undefined;
  try {
    const parsed = (body instanceof Uint8Array || typeof body === 'string' ? JSON.parse(body.toString()) : body.value) as { metadata?: { resourceVersion?: unknown } };
    const rv = parsed?.metadata?.resourceVersion;
    return typeof rv === 'string' && rv !== '' ? rv : undefined;
  } catch {
    return undefined;
  }
}
