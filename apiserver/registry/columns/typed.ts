import type { KubeObject } from '../types.js';

/**
 * A stored object seen through its @kubernetes/client-node model type, so that column cells and
 * field selectors name fields the compiler checks. Only a view: timestamps are still RFC 3339
 * strings at run time (the models type them as Date), so read them with `toDate`/`since`.
 */
export function typed<T>(obj: KubeObject): T {
  return obj as unknown as T;
}
