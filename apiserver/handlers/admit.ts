// Validation of an object about to be written: the entry's strategy, reported as upstream's 422 Invalid.
// (Strict field decoding and the full per-kind rules plug in here.)
import { invalid } from '../errors.js';
import { validateObject } from '../validation/index.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext } from './context.js';

export function admit(ctx: ApiContext, obj: KubeObject, old?: KubeObject): void {
  const s = ctx.entry.strategy;
  const errors = old ? (s?.validateUpdate?.(obj, old) ?? s?.validate?.(obj) ?? []) : (s?.validate?.(obj) ?? []);
  // Status writes are validated by their own rules upstream; the kind's rules apply to the object.
  if (!ctx.info.subresource) errors.push(...validateObject(ctx.entry.group, ctx.entry.kind, obj, old));
  if (errors.length > 0) throw invalid(ctx.entry.kind, obj.metadata?.name ?? '', errors, ctx.entry.group);
  for (const check of ctx.security?.admission ?? []) check(ctx, obj, old);
}
