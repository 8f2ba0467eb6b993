// Defaulting as upstream's SetDefaults_* functions do it, per kind (issue 4). Applied to every object a
// client writes (create, update, patch results) before validation, so defaults show in `kubectl get -o yaml`.
import type { KubeObject } from '../registry/types.js';

export type Defaulter = (obj: KubeObject) => void;

/** Defaulters by `group/Kind` (core group: `/Kind`). */
const DEFAULTERS: Record<string, Defaulter> = {};

export function applyDefaults(group: string, kind: string, obj: KubeObject): void {
  DEFAULTERS[`${group}/${kind}`]?.(obj);
}
