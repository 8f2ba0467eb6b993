// metadata.labels and metadata.annotations of every kind, as apimachinery's ValidateObjectMeta
// (ValidateLabels, ValidateAnnotations) checks them on create and update.
import { labelKeyErrors, labelValueErrors } from '../selectors/label-selector.js';
import type { FieldError, KubeObject } from '../registry/types.js';
import { asObj, invalid, tooLong } from './field-errors.js';

/** Upstream's TotalAnnotationSizeLimitB: keys plus values, in bytes. */
export const TOTAL_ANNOTATION_SIZE = 256 * 1024;

/** ValidateLabels: each key a qualified name, each value a label value; errors at `path`. */
export function validateLabels(labels: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(asObj(labels) ?? {})) {
    for (const m of labelKeyErrors(k)) errors.push(invalid(path, k, m));
    const value = typeof v === 'string' ? v : String(v);
    for (const m of labelValueErrors(value)) errors.push(invalid(path, value, m));
  }
  return errors;
}

/** ValidateAnnotations: keys are qualified names (checked lower-cased), total size at most 256 KiB. */
export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(asObj(annotations) ?? {})) {
    for (const m of labelKeyErrors(k.toLowerCase())) errors.push(invalid(path, k, m));
    size += Buffer.byteLength(k) + Buffer.byteLength(typeof v === 'string' ? v : String(v));
  }
  if (size > TOTAL_ANNOTATION_SIZE) errors.push(tooLong(path, TOTAL_ANNOTATION_SIZE));
  return errors;
}

/** Labels and annotations of an object's (or a template's) metadata under `prefix` (`metadata`). */
export function validateMetaMaps(meta: unknown, prefix: string): FieldError[] {
  const m = asObj(meta);
  if (!m) return [];
  return [...validateLabels(m.labels, `${prefix}.labels`), ...validateAnnotations(m.annotations, `${prefix}.annotations`)];
}

/** The part of ValidateObjectMeta this package owns (names and immutables are checked elsewhere). */
export function validateObjectMeta(obj: KubeObject): FieldError[] {
  return validateMetaMaps(obj.metadata, 'metadata');
}
