// batch/v1 defaults (SetDefaults_Job, _CronJob), with the pod template's.
import { defaultPodTemplateSpec } from './pod-spec.js';
import { child, defaultString, defaultValue, field, items, specOf, type Fields } from './fields.js';

const MAX_INT32 = 2147483647;

/** SetDefaults_Job's spec part. Not applied to a CronJob's jobTemplate: upstream defaults only its pod template. */
function defaultJobSpec(spec: Fields): void {
  // A non-parallel job may leave both unset; then both are 1. Parallelism alone defaults to 1.
  if ((spec['completions'] === undefined || spec['completions'] === null) && (spec['parallelism'] === undefined || spec['parallelism'] === null)) {
    spec['completions'] = 1;
  }
  defaultValue(spec, 'parallelism', 1);
  const perIndex = spec['backoffLimitPerIndex'] !== undefined && spec['backoffLimitPerIndex'] !== null;
  defaultValue(spec, 'backoffLimit', perIndex ? MAX_INT32 : 6);
  defaultString(spec, 'completionMode', 'NonIndexed');
  defaultValue(spec, 'suspend', false);
  const podFailurePolicy = field(spec, 'podFailurePolicy');
  defaultString(spec, 'podReplacementPolicy', podFailurePolicy ? 'Failed' : 'TerminatingOrFailed');
  for (const rule of items(podFailurePolicy, 'rules')) {
    for (const pattern of items(rule, 'onPodConditions')) defaultString(pattern, 'status', 'True');
  }
  defaultPodTemplateSpec(child(spec, 'template'));
}

/** A Job: its spec, and labels copied from the pod template's when the Job has none. */
export function defaultJob(obj: object): void {
  const spec = specOf(obj);
  defaultJobSpec(spec);
  const meta = child(obj as Fields, 'metadata');
  const templateMeta = field(child(spec, 'template'), 'metadata');
  const labels = templateMeta && field(templateMeta, 'labels');
  const own = field(meta, 'labels');
  if (labels && (!own || Object.keys(own).length === 0)) meta['labels'] = { ...labels };
}

export function defaultCronJob(obj: object): void {
  const spec = specOf(obj);
  defaultString(spec, 'concurrencyPolicy', 'Allow');
  defaultValue(spec, 'suspend', false);
  defaultValue(spec, 'successfulJobsHistoryLimit', 3);
  defaultValue(spec, 'failedJobsHistoryLimit', 1);
  defaultPodTemplateSpec(child(specOf(child(spec, 'jobTemplate')), 'template'));
}
