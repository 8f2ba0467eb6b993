// PUT namespaces/<name>/finalize (upstream's namespace finalize REST): only spec.finalizers changes.
// A Terminating namespace whose spec.finalizers and metadata.finalizers are both empty then leaves the
// store — the namespace controller's last step after emptying it.
import { badRequest } from '../errors.js';
import { namespaces } from '../registry/core/namespaces.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext, ApiResult } from './context.js';
import { decodeObject } from './decode.js';

export async function finalizeNamespace(ctx: ApiContext): Promise<ApiResult> {
  const body = decodeObject({ ...ctx, info: { ...ctx.info, subresource: 'finalize' } });
  const name = ctx.info.name!;
  if (body.metadata?.name && body.metadata.name !== name) throw badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`);
  const finalizers = ((body.spec as { finalizers?: string[] } | undefined)?.finalizers ?? []).filter((f) => typeof f === 'string');
  const { object } = await ctx.store.guaranteedUpdate(
    namespaces,
    undefined,
    name,
    (current) => {
      current.spec = { ...((current.spec as object) ?? {}), finalizers };
      if (finalizers.length === 0) delete (current.spec as { finalizers?: string[] }).finalizers;
      return current;
    },
    body.metadata?.resourceVersion ? { resourceVersion: body.metadata.resourceVersion } : {},
  );
  return { status: 200, body: await deleteIfFinalized(ctx, object) };
}

/** A namespace being deleted with no finalizer left goes (upstream: the namespace registry's finalizer check). */
export async function deleteIfFinalized(ctx: ApiContext, ns: KubeObject): Promise<KubeObject> {
  const meta = ns.metadata ?? {};
  const specFinalizers = (ns.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
  if (!meta.deletionTimestamp || specFinalizers.length > 0 || (meta.finalizers?.length ?? 0) > 0) return ns;
  try {
    return await ctx.store.delete(namespaces, undefined, meta.name!, { uid: meta.uid, resourceVersion: meta.resourceVersion });
  } catch {
    return ns;
  }
}
