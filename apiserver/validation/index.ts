// Semantic validation per kind, as upstream's validation packages (issue 4): field errors with
// upstream's paths, reasons and messages, answered as 422 Invalid.
import type { FieldError, KubeObject } from '../registry/types.js';

export type Validator = (obj: KubeObject, old?: KubeObject) => FieldError[];

/** Validators by `group/Kind` (core group: `/Kind`). */
const VALIDATORS: Record<string, Validator> = {};

export function validateObject(group: string, kind: string, obj: KubeObject, old?: KubeObject): FieldError[] {
  return VALIDATORS[`${group}/${kind}`]?.(obj, old) ?? [];
}
