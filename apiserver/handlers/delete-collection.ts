// DELETE a collection: every object matching the selectors, one by one (as upstream).
import { type ApiContext, type ApiResult, apiVersionOf } from './context.js';
import { deleteOne, deleteOptions } from './delete.js';
import { buildPredicate } from './selection.js';

export async function deleteCollection(ctx: ApiContext): Promise<ApiResult> {
  const opts = deleteOptions(ctx);
  const listed = await ctx.store.list(ctx.entry, ctx.entry.namespaced ? ctx.info.namespace : undefined, { predicate: buildPredicate(ctx) });
  const items = [];
  for (const obj of listed.items) {
    try {
      items.push((await deleteOne(ctx, obj.metadata!.name!, opts)).object);
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
  return { status: 200, body: { kind: `${ctx.entry.kind}List`, apiVersion: apiVersionOf(ctx), metadata: { resourceVersion: listed.resourceVersion }, items } };
}
