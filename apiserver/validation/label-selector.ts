// metav1.LabelSelector as apimachinery's ValidateLabelSelector checks it (meta/v1/validation): matchLabels
// like labels, and each matchExpressions requirement's operator, values and key. Shared by workloads,
// NetworkPolicy peers, PodDisruptionBudgets and claims.
import { labelKeyErrors, labelValueErrors } from '../selectors/label-selector.js';
import type { FieldError } from '../registry/types.js';
import { asArray, asObj, asString, forbidden, invalid, required } from './field-errors.js';
import { validateLabels } from './object-meta.js';

/** ValidateLabelSelectorRequirement for one matchExpressions entry under `path`. */
function validateRequirement(raw: unknown, path: string): FieldError[] {
  const r = asObj(raw) ?? {};
  const errors: FieldError[] = [];
  const values = asArray(r.values);
  const op = r.operator;
  if (op === 'In' || op === 'NotIn') {
    if (values.length === 0) errors.push(required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (op === 'Exists' || op === 'DoesNotExist') {
    if (values.length > 0) errors.push(forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else {
    errors.push(invalid(`${path}.operator`, op ?? '', 'not a valid selector operator'));
  }
  const key = asString(r.key);
  for (const m of labelKeyErrors(key)) errors.push(invalid(`${path}.key`, key, m));
  values.forEach((v, i) => {
    for (const m of labelValueErrors(asString(v))) errors.push(invalid(`${path}.values[${i}]`, v, m));
  });
  return errors;
}

/** ValidateLabelSelector under `path`; nothing for an absent selector. */
export function validateLabelSelector(selector: unknown, path: string): FieldError[] {
  const s = asObj(selector);
  if (!s) return [];
  const errors = validateLabels(s.matchLabels, `${path}.matchLabels`);
  asArray(s.matchExpressions).forEach((e, i) => errors.push(...validateRequirement(e, `${path}.matchExpressions[${i}]`)));
  return errors;
}
