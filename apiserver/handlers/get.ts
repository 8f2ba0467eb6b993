// GET one object.
import type { ApiContext, ApiResult } from './context.js';
import { asTableIfAsked } from './table.js';

export async function get(ctx: ApiContext): Promise<ApiResult> {
  const obj = await ctx.store.mustGet(ctx.entry, ctx.info.namespace, ctx.info.name!);
  return { status: 200, body: asTableIfAsked(ctx, [obj], obj.metadata?.resourceVersion ?? '') ?? obj };
}
