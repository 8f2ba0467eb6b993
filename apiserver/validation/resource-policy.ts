// core/v1 LimitRange and ResourceQuota as upstream's ValidateLimitRange and ValidateResourceQuotaSpec
// check them: limit types, resource names per type, min/max/default ordering; quota resource names and
// non-negative, whole quantities.
import type { FieldError, KubeObject } from '../registry/types.js';
import { labelKeyErrors } from '../selectors/label-selector.js';
import { asArray, asObj, asString, duplicate, forbidden, invalid, required } from './field-errors.js';
import { containerResourceNameErrors, quantityErrors, resourceNameErrors, type Quantity } from './resources.js';

const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
/** helper.IsStandardQuotaResourceName's set (standardQuotaResources), hugepages aside. */
const QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'persistentvolumeclaims', 'pods', 'services', 'services.nodeports',
  'services.loadbalancers', 'replicationcontrollers', 'resourcequotas', 'secrets', 'configmaps',
]);

/** validateLimitRangeTypeName. */
function limitTypeErrors(type: string, path: string): FieldError[] {
  const errors = labelKeyErrors(type).map((m) => invalid(path, type, m));
  if (errors.length === 0 && !type.includes('/') && !LIMIT_TYPES.has(type)) errors.push(invalid(path, type, 'must be a standard limit type or fully qualified'));
  return errors;
}

export function validateLimitRange(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  asArray(asObj(obj.spec)?.limits).forEach((raw, i) => {
    const limit = asObj(raw) ?? {};
    const at = `spec.limits[${i}]`;
    const type = asString(limit.type);
    errors.push(...limitTypeErrors(type, `${at}.type`));
    if (seen.has(type)) errors.push(duplicate(`${at}.type`, type));
    seen.add(type);
    const nameErrors = type === 'Pod' || type === 'Container' ? containerResourceNameErrors : resourceNameErrors;
    const read = (f: string) => {
      const out = new Map<string, Quantity>();
      for (const [name, q] of Object.entries(asObj(limit[f]) ?? {})) {
        errors.push(...nameErrors(name, `${at}.${f}[${name}]`));
        const quantity = quantityErrors(name, q, `${at}.${f}[${name}]`, errors);
        if (quantity) out.set(name, quantity);
      }
      return out;
    };
    const max = read('max');
    const min = read('min');
    let defaults = new Map<string, Quantity>();
    let defaultRequests = new Map<string, Quantity>();
    if (type === 'Pod') {
      if (Object.keys(asObj(limit.default) ?? {}).length) errors.push(forbidden(`${at}.default`, "may not be specified when `type` is 'Pod'"));
      if (Object.keys(asObj(limit.defaultRequest) ?? {}).length) errors.push(forbidden(`${at}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    } else {
      defaults = read('default');
      defaultRequests = read('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !min.has('storage') && !max.has('storage')) {
      errors.push(required(`${at}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
    }
    for (const name of new Set([...max.keys(), ...min.keys(), ...defaults.keys(), ...defaultRequests.keys()])) {
      const [lo, hi, def, req] = [min.get(name), max.get(name), defaults.get(name), defaultRequests.get(name)];
      if (lo && hi && lo.value > hi.value) errors.push(invalid(`${at}.min[${name}]`, lo.text, `min value ${lo.text} is greater than max value ${hi.text}`));
      if (req && lo && lo.value > req.value) errors.push(invalid(`${at}.defaultRequest[${name}]`, req.text, `min value ${lo.text} is greater than default request value ${req.text}`));
      if (req && hi && req.value > hi.value) errors.push(invalid(`${at}.defaultRequest[${name}]`, req.text, `default request value ${req.text} is greater than max value ${hi.text}`));
      if (req && def && req.value > def.value) errors.push(invalid(`${at}.defaultRequest[${name}]`, req.text, `default request value ${req.text} is greater than default limit value ${def.text}`));
      if (def && lo && lo.value > def.value) errors.push(invalid(`${at}.default[${name}]`, lo.text, `min value ${lo.text} is greater than default value ${def.text}`));
      if (def && hi && def.value > hi.value) errors.push(invalid(`${at}.default[${name}]`, hi.text, `default value ${def.text} is greater than max value ${hi.text}`));
    }
  });
  return errors;
}

/** ValidateResourceQuotaResourceName. */
function quotaNameErrors(name: string, path: string): FieldError[] {
  const errors = resourceNameErrors(name, path);
  if (!name.includes('/') && !QUOTA_RESOURCES.has(name) && !name.startsWith('hugepages-') && !name.startsWith('requests.hugepages-')) {
    errors.push(invalid(path, name, 'must be a standard resource for quota'));
  }
  return errors;
}

export function validateResourceQuota(obj: KubeObject): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, q] of Object.entries(asObj(asObj(obj.spec)?.hard) ?? {})) {
    const at = `spec.hard[${name}]`;
    errors.push(...quotaNameErrors(name, at));
    quantityErrors(name, q, at, errors);
  }
  return errors;
}
