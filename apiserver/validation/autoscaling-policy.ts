// autoscaling/v2 HorizontalPodAutoscaler (autoscaling/validation) and policy/v1 PodDisruptionBudget
// (policy/validation): replica bounds, the scale target, metric targets; disruption budgets as an int
// or a percentage, one of minAvailable/maxUnavailable, the eviction policy and the selector.
import type { FieldError, KubeObject } from '../registry/types.js';
import { asArray, asObj, asString, forbidden, invalid, notSupported, required, type Obj } from './field-errors.js';
import { validateLabelSelector } from './label-selector.js';
import { nameProblems } from './names.js';
import { parseQuantity } from './quantity.js';
import { intOrPercent } from './workloads.js';

/** validMetricSourceTypes.List(): sorted. */
const METRIC_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'] as const;
const SOURCE_FIELDS: Record<string, string> = {
  Object: 'object', Pods: 'pods', Resource: 'resource', External: 'external', ContainerResource: 'containerResource',
};

/** ValidateCrossVersionObjectReference: kind and name, both path segments. */
function validateReference(ref: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of ['kind', 'name']) {
    const v = asString(ref[f]);
    if (!v) errors.push(required(`${path}.${f}`));
    else for (const m of nameProblems(v, 'path-segment')) errors.push(invalid(`${path}.${f}`, v, m));
  }
  return errors;
}

/** validateMetricTarget. */
function validateTarget(t: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = asString(t.type);
  if (!type) errors.push(required(`${path}.type`, 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') errors.push(invalid(`${path}.type`, type, 'must be either Utilization, Value, or AverageValue'));
  for (const f of ['value', 'averageValue']) {
    const q = t[f] === undefined || t[f] === null ? undefined : parseQuantity(t[f]);
    if (q?.ok && q.value <= 0) errors.push(invalid(`${path}.${f}`, String(t[f]), 'must be positive'));
  }
  const util = t.averageUtilization;
  if (typeof util === 'number' && util < 1) errors.push(invalid(`${path}.averageUtilization`, util, 'must be greater than 0'));
  return errors;
}

/** validateMetricSpec for the Resource source (the common case) and the type/source agreement. */
function validateMetric(m: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const type = asString(m.type);
  if (!type) errors.push(required(`${path}.type`, 'must specify a metric source type'));
  if (!(METRIC_TYPES as readonly string[]).includes(type)) errors.push(notSupported(`${path}.type`, type, METRIC_TYPES));
  const expected = SOURCE_FIELDS[type];
  if (expected && !asObj(m[expected])) errors.push(required(`${path}.${expected}`, 'must populate information for the given metric source'));
  for (const f of Object.values(SOURCE_FIELDS)) if (f !== expected && asObj(m[f])) errors.push(forbidden(`${path}.${f}`, 'must populate the given metric source only'));
  const resource = asObj(m.resource);
  if (type === 'Resource' && resource) {
    const at = `${path}.resource`;
    if (!asString(resource.name)) errors.push(required(`${at}.name`, 'must specify a resource name'));
    const target = asObj(resource.target) ?? {};
    errors.push(...validateTarget(target, `${at}.target`));
    const util = target.averageUtilization;
    const avg = target.averageValue;
    const has = (v: unknown) => v !== undefined && v !== null;
    if (!has(util) && !has(avg)) errors.push(required(`${at}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
    if (has(util) && has(avg)) errors.push(forbidden(`${at}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  }
  return errors;
}

/** validateHorizontalPodAutoscalerSpec (HPAScaleToZero off: minReplicas at least 1). */
export function validateHorizontalPodAutoscaler(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors: FieldError[] = [];
  const min = spec.minReplicas;
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (typeof min === 'number' && min < 1) errors.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errors.push(invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (typeof min === 'number' && max < min) errors.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
  errors.push(...validateReference(asObj(spec.scaleTargetRef) ?? {}, 'spec.scaleTargetRef'));
  asArray(spec.metrics).forEach((m, i) => errors.push(...validateMetric(asObj(m) ?? {}, `spec.metrics[${i}]`)));
  return errors;
}

/** supportedUnhealthyPodEvictionPolicies.List(): sorted. */
const EVICTION_POLICIES = ['AlwaysAllow', 'IfHealthyBudget'] as const;

/** ValidatePodDisruptionBudgetSpec. */
export function validatePodDisruptionBudget(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors: FieldError[] = [];
  const has = (v: unknown) => v !== undefined && v !== null;
  if (has(spec.minAvailable) && has(spec.maxUnavailable)) errors.push(invalid('spec', spec, 'minAvailable and maxUnavailable cannot be both set'));
  intOrPercent(spec.minAvailable, 'spec.minAvailable', errors, true);
  intOrPercent(spec.maxUnavailable, 'spec.maxUnavailable', errors, true);
  errors.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (has(policy) && !(EVICTION_POLICIES as readonly unknown[]).includes(policy)) errors.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, EVICTION_POLICIES));
  return errors;
}
