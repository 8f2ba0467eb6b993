// Label and field selectors of a list, watch or deletecollection, as one predicate over objects.
import type { KubeObject } from '../registry/types.js';
import type { ApiContext } from './context.js';

export function buildPredicate(ctx: ApiContext): ((obj: KubeObject) => boolean) | undefined {
  void ctx;
  return undefined;
}
