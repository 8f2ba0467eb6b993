// Resource names and quantities as core/validation's validateResourceRequirements and its helpers
// (validateResourceName, validateContainerResourceName, ValidateResourceQuantityValue) check them, for
// containers here and for quotas and limit ranges in resource-policy.ts.
import type { FieldError } from '../registry/types.js';
import { labelKeyErrors } from '../selectors/label-selector.js';
import { asObj, invalid, NON_NEGATIVE, required, type Obj } from './field-errors.js';
import { parseQuantity } from './quantity.js';

/** helper.IsStandardResourceName's set (standardResources), hugepages aside. */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
/** helper.IsOvercommitAllowed: only the standard compute resources may have requests below limits. */
const OVERCOMMITTABLE = new Set(['cpu', 'memory', 'ephemeral-storage']);

const isHugePages = (name: string) => name.startsWith('hugepages-');
/** helper.IsNativeResource: unprefixed or in the kubernetes.io domain. */
export const isNativeResource = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
/** helper.IsExtendedResourceName: fully qualified, outside kubernetes.io, not a quota `requests.` name. */
export const isExtendedResource = (name: string) =>
  !isNativeResource(name) && !name.startsWith('requests.') && labelKeyErrors(`requests.${name}`).length === 0;

/** validateResourceName: a qualified name, and a standard one when it has no domain. */
export function resourceNameErrors(name: string, path: string): FieldError[] {
  const errors = labelKeyErrors(name).map((m) => invalid(path, name, m));
  if (errors.length) return errors;
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-')) {
    errors.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errors;
}

/** validateContainerResourceName. */
export function containerResourceNameErrors(name: string, path: string): FieldError[] {
  const errors = resourceNameErrors(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.has(name) && !isHugePages(name)) errors.push(invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNativeResource(name) && !isExtendedResource(name)) {
    errors.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errors;
}

export interface Quantity {
  text: string;
  value: number;
}

/**
 * ValidateResourceQuantityValue: not negative, whole for integer resources (extended ones). The parsed
 * quantity, when it parses (a malformed one is a decoding error upstream, reported here as invalid).
 */
export function quantityErrors(name: string, raw: unknown, path: string, errors: FieldError[]): Quantity | undefined {
  const parsed = parseQuantity(raw);
  if (!parsed.ok) {
    errors.push(invalid(path, raw, parsed.message));
    return undefined;
  }
  const text = String(raw).trim();
  if (parsed.value < 0) errors.push(invalid(path, text, NON_NEGATIVE));
  if (isExtendedResource(name) && !Number.isInteger(parsed.value)) errors.push(invalid(path, text, 'must be an integer'));
  return { text, value: parsed.value };
}

/** validateResourceRequirements for a container's `resources` under `path`. */
export function validateContainerResources(resources: Obj | undefined, path: string): FieldError[] {
  if (!resources) return [];
  const errors: FieldError[] = [];
  const read = (kind: 'limits' | 'requests') => {
    const values = new Map<string, Quantity>();
    for (const [name, q] of Object.entries(asObj(resources[kind]) ?? {})) {
      const at = `${path}.${kind}[${name}]`;
      errors.push(...containerResourceNameErrors(name, at));
      const quantity = quantityErrors(name, q, at, errors);
      if (quantity) values.set(name, quantity);
    }
    return values;
  };
  const limits = read('limits');
  const requests = read('requests');
  for (const [name, req] of requests) {
    const limit = limits.get(name);
    const overcommit = OVERCOMMITTABLE.has(name);
    if (limit) {
      if (!overcommit && req.value !== limit.value) errors.push(invalid(`${path}.requests`, req.text, `must be equal to ${name} limit of ${limit.text}`));
      else if (req.value > limit.value) errors.push(invalid(`${path}.requests`, req.text, `must be less than or equal to ${name} limit of ${limit.text}`));
    } else if (!overcommit && Object.keys(asObj(resources.requests) ?? {}).includes(name)) {
      errors.push(required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errors;
}
