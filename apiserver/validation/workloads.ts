// apps and batch workloads: Deployment, ReplicaSet, StatefulSet, DaemonSet (apps/validation) and
// Job, CronJob (batch/validation), plus core ReplicationController. Each embeds a pod template.
import { fromLabelSelectorObject, matchesLabels, type LabelSelectorObject } from '../selectors/label-selector.js';
import type { FieldError, KubeObject } from '../registry/types.js';
import { asObj, asString, formatValue, IMMUTABLE, invalid, NON_NEGATIVE, nonNegative, notSupported, required, type Obj } from './field-errors.js';
import { validatePodTemplate } from './pod-spec.js';

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const ALWAYS = ['Always'];
const JOB_RESTART = ['OnFailure', 'Never'];

const sameValue = (a: unknown, b: unknown) => formatValue(a ?? null) === formatValue(b ?? null);

/**
 * spec.selector (a metav1.LabelSelector) and the template's labels: selector required, valid, not
 * empty, and matching the template (`selector` does not match template `labels`).
 */
function validateSelectorAndTemplate(spec: Obj, kindWord: string): FieldError[] {
  const raw = spec.selector;
  if (raw === undefined || raw === null) return [required('spec.selector')];
  const sel = asObj(raw) as LabelSelectorObject | undefined;
  const parsed = fromLabelSelectorObject(sel);
  if (!parsed.ok) return [invalid('spec.selector', raw, parsed.message)];
  if (parsed.selector.requirements.length === 0) return [invalid('spec.selector', raw, `empty selector is invalid for ${kindWord}`)];
  const labels = asObj(asObj(asObj(spec.template)?.metadata)?.labels) as Record<string, string> | undefined;
  if (!matchesLabels(parsed.selector, labels)) {
    return [invalid('spec.template.metadata.labels', labels ?? null, '`selector` does not match template `labels`')];
  }
  return [];
}

/** ValidatePositiveIntOrPercent plus IsNotMoreThan100Percent; the value when readable. */
function intOrPercent(v: unknown, path: string, errors: FieldError[], at100 = false): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') {
    if (!/^[0-9]+%$/.test(v)) {
      errors.push(invalid(path, v, PERCENT_MSG));
      return undefined;
    }
    const n = Number(v.slice(0, -1));
    if (at100 && n > 100) errors.push(invalid(path, v, 'must not be greater than 100%'));
    return n;
  }
  if (typeof v === 'number') {
    if (v < 0) errors.push(invalid(path, v, NON_NEGATIVE));
    return v;
  }
  return undefined;
}

function validateDeploymentStrategy(strategy: Obj | undefined): FieldError[] {
  if (!strategy) return [];
  const errors: FieldError[] = [];
  const type = strategy.type;
  const rolling = asObj(strategy.rollingUpdate);
  if (type === 'Recreate') {
    if (rolling) errors.push({ reason: 'FieldValueForbidden', field: 'spec.strategy.rollingUpdate', message: "Forbidden: may not be specified when strategy `type` is 'Recreate'" });
  } else if (type === 'RollingUpdate') {
    if (!rolling) return [];
    const unavailable = intOrPercent(rolling.maxUnavailable, 'spec.strategy.rollingUpdate.maxUnavailable', errors, true);
    const surge = intOrPercent(rolling.maxSurge, 'spec.strategy.rollingUpdate.maxSurge', errors);
    if (unavailable === 0 && surge === 0) {
      errors.push(invalid('spec.strategy.rollingUpdate.maxUnavailable', rolling.maxUnavailable, 'may not be 0 when `maxSurge` is 0'));
    }
  } else if (type !== undefined) {
    errors.push(notSupported('spec.strategy.type', type, ['Recreate', 'RollingUpdate']));
  }
  return errors;
}

function validateUpdateStrategyType(strategy: Obj | undefined, path: string): FieldError[] {
  const type = strategy?.type;
  if (type === undefined || type === 'RollingUpdate' || type === 'OnDelete') return [];
  return [notSupported(`${path}.type`, type, ['OnDelete', 'RollingUpdate'])];
}

/** Selector immutability on update (apps/v1 workloads). */
function selectorImmutable(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (!old) return [];
  const a = asObj(obj.spec)?.selector;
  const b = asObj(old.spec)?.selector;
  return sameValue(a, b) ? [] : [invalid('spec.selector', a ?? null, IMMUTABLE)];
}

function appsWorkload(kindWord: string, extra: (spec: Obj) => FieldError[]) {
  return (obj: KubeObject, old?: KubeObject): FieldError[] => {
    const spec = asObj(obj.spec) ?? {};
    return [
      ...nonNegative(spec.replicas, 'spec.replicas'),
      ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...validateSelectorAndTemplate(spec, kindWord),
      ...validatePodTemplate(spec.template, 'spec.template', { restartPolicies: ALWAYS }),
      ...extra(spec),
      ...selectorImmutable(obj, old),
    ];
  };
}

export const validateDeployment = appsWorkload('deployment', (spec) => [
  ...validateDeploymentStrategy(asObj(spec.strategy)),
  ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
]);
export const validateReplicaSet = appsWorkload('deployment', () => []);
export const validateStatefulSet = appsWorkload('statefulset', (spec) => {
  const errors = validateUpdateStrategyType(asObj(spec.updateStrategy), 'spec.updateStrategy');
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') {
    errors.push(notSupported('spec.podManagementPolicy', policy, ['OrderedReady', 'Parallel']));
  }
  return errors;
});
export const validateDaemonSet = appsWorkload('daemonset', (spec) => validateUpdateStrategyType(asObj(spec.updateStrategy), 'spec.updateStrategy'));

/** core/v1 ReplicationController: a map selector, defaulted from the template's labels. */
export function validateReplicationController(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors = nonNegative(spec.replicas, 'spec.replicas');
  const selector = asObj(spec.selector) as Record<string, string> | undefined;
  // The selector defaults to the template's labels; only an explicitly empty one is an error.
  if (selector && Object.keys(selector).length === 0) errors.push(required('spec.selector'));
  const template = asObj(spec.template);
  if (!template) return [...errors, required('spec.template')];
  const labels = asObj(asObj(template.metadata)?.labels) as Record<string, string> | undefined;
  if (selector && Object.entries(selector).some(([k, v]) => labels?.[k] !== v)) {
    errors.push(invalid('spec.template.metadata.labels', labels ?? null, '`selector` does not match template `labels`'));
  }
  return [...errors, ...validatePodTemplate(template, 'spec.template', { restartPolicies: ALWAYS })];
}

function validateJobSpec(spec: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']) {
    errors.push(...nonNegative(spec[f], `${path}.${f}`));
  }
  errors.push(...validatePodTemplate(spec.template, `${path}.template`, { restartPolicies: JOB_RESTART }));
  return errors;
}

export function validateJob(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors = validateJobSpec(spec, 'spec');
  if (old && !sameValue(spec.template, asObj(old.spec)?.template)) errors.push(invalid('spec.template', spec.template ?? null, IMMUTABLE));
  return errors;
}

export function validateCronJob(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors: FieldError[] = [];
  if (!asString(spec.schedule)) errors.push(required('spec.schedule'));
  const policy = spec.concurrencyPolicy;
  if (policy !== undefined && !['Allow', 'Forbid', 'Replace'].includes(policy as string)) {
    errors.push(notSupported('spec.concurrencyPolicy', policy, ['Allow', 'Forbid', 'Replace']));
  }
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) errors.push(...nonNegative(spec[f], `spec.${f}`));
  const jobTemplate = asObj(spec.jobTemplate);
  if (!jobTemplate) return [...errors, required('spec.jobTemplate')];
  return [...errors, ...validateJobSpec(asObj(jobTemplate.spec) ?? {}, 'spec.jobTemplate.spec')];
}
