// GET a collection: a List (or Table), with selectors, paging and resourceVersion semantics.
import { badRequest } from '../errors.js';
import type { KubeObject } from '../registry/types.js';
import { type ApiContext, type ApiResult, apiVersionOf } from './context.js';
import { buildPredicate } from './selection.js';
import { toTable, wantsTable } from './table.js';

export async function list(ctx: ApiContext): Promise<ApiResult> {
  const q = ctx.query;
  const limit = parseLimit(q.get('limit'));
  const rvMatch = (q.get('resourceVersionMatch') ?? '') as '' | 'NotOlderThan' | 'Exact';
  if (rvMatch && !['NotOlderThan', 'Exact'].includes(rvMatch)) {
    throw badRequest(`resourceVersionMatch: Unsupported value: "${rvMatch}": supported values: "Exact", "NotOlderThan"`);
  }
  const rv = q.get('resourceVersion') ?? '';
  if (rvMatch && !rv) throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
  if (q.get('continue') && rv && rv !== '0') throw badRequest('specifying resource version is not allowed when using continue');
  const result = await ctx.store.list(ctx.entry, ctx.entry.namespaced ? ctx.info.namespace : undefined, {
    limit,
    continue: q.get('continue') ?? undefined,
    resourceVersion: rv,
    resourceVersionMatch: rvMatch,
    predicate: buildPredicate(ctx),
  });
  const metadata: Record<string, unknown> = { resourceVersion: result.resourceVersion };
  if (result.continue) metadata.continue = result.continue;
  if (result.remainingItemCount !== undefined) metadata.remainingItemCount = result.remainingItemCount;
  if (wantsTable(ctx.accept)) {
    return { status: 200, body: toTable(ctx, result.items, metadata as { resourceVersion: string }) };
  }
  return { status: 200, body: listObject(ctx, result.items, metadata) };
}

export function listObject(ctx: ApiContext, items: KubeObject[], metadata: Record<string, unknown>) {
  const apiVersion = apiVersionOf(ctx);
  return {
    kind: `${ctx.entry.kind}List`,
    apiVersion,
    metadata,
    items: items.map((o) => ({ ...o, apiVersion: o.apiVersion ?? apiVersion, kind: o.kind ?? ctx.entry.kind })),
  };
}

function parseLimit(v: string | null): number {
  if (v === null || v === '') return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`limit: Invalid value: "${v}": must be a non-negative integer`);
  return n;
}
