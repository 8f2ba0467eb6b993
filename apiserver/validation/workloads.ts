// apps workloads: Deployment, ReplicaSet, StatefulSet, DaemonSet (apps/validation), plus core
// ReplicationController. Each embeds a pod template; Jobs and CronJobs are in jobs.ts.
import { fromLabelSelectorObject, matchesLabels, type LabelSelectorObject } from '../selectors/label-selector.js';
import type { FieldError, KubeObject } from '../registry/types.js';
import { asObj, formatValue, IMMUTABLE, invalid, NON_NEGATIVE, nonNegative, notSupported, required, type Obj } from './field-errors.js';
import { validateLabelSelector } from './label-selector.js';
import { validatePodTemplate, type TemplateOptions } from './pod-spec.js';
export { validateCronJob, validateJob } from './jobs.js';

const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const ALWAYS = ['Always'];

const sameValue = (a: unknown, b: unknown) => formatValue(a ?? null) === formatValue(b ?? null);

/**
 * spec.selector (a metav1.LabelSelector) and the template's labels: selector required, valid, not
 * empty, and matching the template (`selector` does not match template `labels`).
 */
function validateSelectorAndTemplate(spec: Obj, kindWord: string): FieldError[] {
  const raw = spec.selector;
  if (raw === undefined || raw === null) return [required('spec.selector')];
  const sel = asObj(raw) as LabelSelectorObject | undefined;
  const errors = validateLabelSelector(raw, 'spec.selector');
  const parsed = fromLabelSelectorObject(sel);
  if (!parsed.ok) return [...errors, invalid('spec.selector', raw, 'invalid label selector')];
  if (errors.length) return errors;
  if (parsed.selector.requirements.length === 0) return [invalid('spec.selector', raw, `empty selector is invalid for ${kindWord}`)];
  const labels = asObj(asObj(asObj(spec.template)?.metadata)?.labels) as Record<string, string> | undefined;
  if (!matchesLabels(parsed.selector, labels)) {
    return [invalid('spec.template.metadata.labels', labels ?? null, '`selector` does not match template `labels`')];
  }
  return [];
}

/** ValidatePositiveIntOrPercent plus IsNotMoreThan100Percent; the value when readable. */
export function intOrPercent(v: unknown, path: string, errors: FieldError[], at100 = false): number | undefined {
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

/** ValidateDaemonSetUpdateStrategy and ValidateRollingUpdateDaemonSet. */
function validateDaemonSetStrategy(strategy: Obj | undefined): FieldError[] {
  const type = strategy?.type;
  if (!strategy || type === undefined || type === 'OnDelete') return [];
  if (type !== 'RollingUpdate') return [notSupported('spec.updateStrategy', strategy, ['RollingUpdate', 'OnDelete'])];
  const rolling = asObj(strategy.rollingUpdate);
  if (!rolling) return [required('spec.updateStrategy.rollingUpdate')];
  const errors: FieldError[] = [];
  const at = 'spec.updateStrategy.rollingUpdate';
  const unavailable = intOrPercent(rolling.maxUnavailable, `${at}.maxUnavailable`, errors, true) ?? 0;
  const surge = intOrPercent(rolling.maxSurge, `${at}.maxSurge`, errors, true) ?? 0;
  if (unavailable !== 0 && surge !== 0) errors.push(invalid(`${at}.maxSurge`, rolling.maxSurge, 'may not be set when maxUnavailable is non-zero'));
  if (unavailable === 0 && surge === 0) errors.push(required(`${at}.maxUnavailable`, 'cannot be 0 when maxSurge is 0'));
  return errors;
}

/** ValidateStatefulSetSpec's policy fields: pod management, update strategy, claim retention. */
function validateStatefulSetPolicies(spec: Obj): FieldError[] {
  const errors: FieldError[] = [];
  const policy = spec.podManagementPolicy;
  if (policy !== undefined && policy !== 'OrderedReady' && policy !== 'Parallel') {
    errors.push(invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  }
  const strategy = asObj(spec.updateStrategy);
  const type = strategy?.type;
  const rolling = asObj(strategy?.rollingUpdate);
  if (type === 'OnDelete' && rolling) {
    errors.push(invalid('spec.updateStrategy.rollingUpdate', rolling, "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate' && rolling) {
    errors.push(...nonNegative(rolling.partition, 'spec.updateStrategy.rollingUpdate.partition'));
  } else if (strategy && type !== undefined && type !== 'RollingUpdate' && type !== 'OnDelete') {
    errors.push(invalid('spec.updateStrategy', strategy, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = asObj(spec.persistentVolumeClaimRetentionPolicy);
  for (const f of ['whenDeleted', 'whenScaled']) {
    const v = retention?.[f];
    if (retention && v !== 'Retain' && v !== 'Delete') errors.push(notSupported(`spec.persistentVolumeClaimRetentionPolicy.${f}`, v ?? '', ['Retain', 'Delete']));
  }
  return errors;
}

/** Selector immutability on update (apps/v1 workloads). */
function selectorImmutable(obj: KubeObject, old: KubeObject | undefined): FieldError[] {
  if (!old) return [];
  const a = asObj(obj.spec)?.selector;
  const b = asObj(old.spec)?.selector;
  return sameValue(a, b) ? [] : [invalid('spec.selector', a ?? null, IMMUTABLE)];
}

function appsWorkload(kindWord: string, template: TemplateOptions, extra: (spec: Obj) => FieldError[]) {
  return (obj: KubeObject, old?: KubeObject): FieldError[] => {
    const spec = asObj(obj.spec) ?? {};
    return [
      ...nonNegative(spec.replicas, 'spec.replicas'),
      ...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
      ...validateSelectorAndTemplate(spec, kindWord),
      ...validatePodTemplate(spec.template, 'spec.template', { restartPolicies: ALWAYS, ...template }),
      ...extra(spec),
      ...selectorImmutable(obj, old),
    ];
  };
}

/** ValidateDeploymentSpec's progress deadline: not negative, and longer than minReadySeconds. */
function progressDeadline(spec: Obj): FieldError[] {
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline !== 'number') return [];
  const errors = nonNegative(deadline, 'spec.progressDeadlineSeconds');
  const minReady = typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0;
  if (deadline <= minReady) errors.push(invalid('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  return errors;
}

export const validateDeployment = appsWorkload('deployment', { noActiveDeadline: 'ReplicaSet' }, (spec) => [
  ...validateDeploymentStrategy(asObj(spec.strategy)),
  ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ...progressDeadline(spec),
]);
export const validateReplicaSet = appsWorkload('deployment', { noActiveDeadline: 'ReplicaSet' }, () => []);
/** ValidatePodTemplateSpecForStatefulSet checks only the template's labels and annotations, not its spec. */
export const validateStatefulSet = appsWorkload('statefulset', { noActiveDeadline: 'StatefulSet', metadataOnly: true }, validateStatefulSetPolicies);
export const validateDaemonSet = appsWorkload('daemonset', { noActiveDeadline: 'DaemonSet' }, (spec) => [
  ...validateDaemonSetStrategy(asObj(spec.updateStrategy)),
  ...nonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
]);

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
