// Pod tolerations as core/validation's ValidateTolerations checks them: key, operator and value,
// effect, and tolerationSeconds only with NoExecute.
import { labelKeyErrors, labelValueErrors } from '../selectors/label-selector.js';
import type { FieldError } from '../registry/types.js';
import { asArray, asObj, asString, invalid, notSupported } from './field-errors.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
const OPERATORS = ['Equal', 'Exists'] as const;

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  asArray(tolerations).forEach((raw, i) => {
    const t = asObj(raw) ?? {};
    const at = `${path}[${i}]`;
    const key = asString(t.key);
    const operator = asString(t.operator);
    const value = asString(t.value);
    const effect = asString(t.effect);
    if (key) for (const m of labelKeyErrors(key)) errors.push(invalid(`${at}.key`, key, m));
    if (!key && operator !== 'Exists') {
      errors.push(invalid(`${at}.operator`, operator, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errors.push(invalid(`${at}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (operator === 'Equal' || operator === '') {
      const problems = labelValueErrors(value);
      if (problems.length) errors.push(invalid(`${at}.operator`, value, problems.join(';')));
    } else if (operator === 'Exists') {
      if (value) errors.push(invalid(`${at}.operator`, value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errors.push(notSupported(`${at}.operator`, operator, OPERATORS));
    }
    if (effect && !(EFFECTS as readonly string[]).includes(effect)) errors.push(notSupported(`${at}.effect`, effect, EFFECTS));
  });
  return errors;
}
