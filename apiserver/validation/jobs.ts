// batch/v1 Job and CronJob as upstream's batch/validation checks them: counts not negative, the pod
// template with a Job's restart policy (OnFailure or Never), the template immutable on update, and a
// CronJob's schedule and concurrency policy.
import type { FieldError, KubeObject } from '../registry/types.js';
import { asObj, asString, formatValue, IMMUTABLE, invalid, nonNegative, notSupported, required, type Obj } from './field-errors.js';
import { validatePodTemplate } from './pod-spec.js';

const JOB_RESTART = ['OnFailure', 'Never'] as const;
const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'] as const;

/**
 * validateJobSpec under `path`. The pod template's restartPolicy defaults to Always before validation
 * (SetDefaults_PodSpec), so an unset policy is reported as upstream does it: `Unsupported value: "Always"`;
 * the Required branch upstream keeps for an empty policy is reached only by objects that skipped defaulting.
 */
function validateJobSpec(spec: Obj, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished']) {
    errors.push(...nonNegative(spec[f], `${path}.${f}`));
  }
  errors.push(...validatePodTemplate(spec.template, `${path}.template`));
  const restart = asObj(asObj(spec.template)?.spec)?.restartPolicy;
  const restartPath = `${path}.template.spec.restartPolicy`;
  if (restart === undefined || restart === null || restart === '') {
    errors.push(required(restartPath, `valid values: ${JOB_RESTART.map((v) => `"${v}"`).join(', ')}`));
  } else if (!(JOB_RESTART as readonly unknown[]).includes(restart)) {
    errors.push(notSupported(restartPath, restart, JOB_RESTART));
  }
  return errors;
}

export function validateJob(obj: KubeObject, old?: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors = validateJobSpec(spec, 'spec');
  const oldTemplate = asObj(old?.spec)?.template;
  if (old && formatValue(spec.template ?? null) !== formatValue(oldTemplate ?? null)) errors.push(invalid('spec.template', spec.template ?? null, IMMUTABLE));
  return errors;
}

export function validateCronJob(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const errors: FieldError[] = [];
  if (!asString(spec.schedule)) errors.push(required('spec.schedule'));
  const policy = spec.concurrencyPolicy;
  if (policy !== undefined && !(CONCURRENCY_POLICIES as readonly unknown[]).includes(policy)) errors.push(notSupported('spec.concurrencyPolicy', policy, CONCURRENCY_POLICIES));
  for (const f of ['startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) errors.push(...nonNegative(spec[f], `spec.${f}`));
  const jobTemplate = asObj(spec.jobTemplate);
  if (!jobTemplate) return [...errors, required('spec.jobTemplate')];
  return [...errors, ...validateJobSpec(asObj(jobTemplate.spec) ?? {}, 'spec.jobTemplate.spec')];
}
