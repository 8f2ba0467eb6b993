// Validation of an object about to be written: the entry's strategy, reported as upstream's 422 Invalid.
// (Strict field decoding and the full per-kind rules plug in here.)
import { invalid } from '../errors.js';
import type { KubeObject } from '../registry/types.js';
import type { ApiContext } from './context.js';

export function admit(ctx: ApiContext, obj: KubeObject, old?: KubeObject): void {
  const s = ctx.entry.strategy;
  const errors = old ? (s?.validateUpdate?.(obj, old) ?? s?.validate?.(obj) ?? []) : (s?.validate?.(obj) ?? []);
  if (errors.length > 0) throw invalid(ctx.entry.kind, obj.metadata?.name ?? '', errors, ctx.entry.group);
}
