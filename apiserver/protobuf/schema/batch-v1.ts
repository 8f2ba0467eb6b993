// Protobuf field tables of k8s.io/api/batch/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const batchV1 = defineSchema({
  package: 'k8s.io.api.batch.v1',
  groupVersion: 'batch/v1',
  kinds: ['Job', 'CronJob'],
  messages: {
    Job: ['1 metadata meta.ObjectMeta o', '2 spec JobSpec o', '3 status JobStatus o'],
    JobSpec: [
      '1 parallelism int32 po', '2 completions int32 po', '3 activeDeadlineSeconds int64 po',
      '11 podFailurePolicy PodFailurePolicy po', '16 successPolicy SuccessPolicy po', '7 backoffLimit int32 po',
      '12 backoffLimitPerIndex int32 po', '13 maxFailedIndexes int32 po', '4 selector meta.LabelSelector po',
      '5 manualSelector bool po', '6 template core.PodTemplateSpec', '8 ttlSecondsAfterFinished int32 po',
      '9 completionMode string po', '10 suspend bool po', '14 podReplacementPolicy string po', '15 managedBy string po',
    ],
    PodFailurePolicy: ['1 rules []PodFailurePolicyRule'],
    PodFailurePolicyRule: [
      '1 action string', '2 onExitCodes PodFailurePolicyOnExitCodesRequirement po',
      '3 onPodConditions []PodFailurePolicyOnPodConditionsPattern o',
    ],
    PodFailurePolicyOnExitCodesRequirement: ['1 containerName string po', '2 operator string', '3 values []int32'],
    PodFailurePolicyOnPodConditionsPattern: ['1 type string', '2 status string'],
    SuccessPolicy: ['1 rules []SuccessPolicyRule'],
    SuccessPolicyRule: ['1 succeededIndexes string po', '2 succeededCount int32 po'],
    JobStatus: [
      '1 conditions []JobCondition o', '2 startTime meta.Time po', '3 completionTime meta.Time po', '4 active int32 o',
      '5 succeeded int32 o', '6 failed int32 o', '11 terminating int32 po', '7 completedIndexes string o',
      '10 failedIndexes string po', '8 uncountedTerminatedPods UncountedTerminatedPods po', '9 ready int32 po',
    ],
    JobCondition: [
      '1 type string', '2 status string', '3 lastProbeTime meta.Time o', '4 lastTransitionTime meta.Time o',
      '5 reason string o', '6 message string o',
    ],
    UncountedTerminatedPods: ['1 succeeded []string o', '2 failed []string o'],
    CronJob: ['1 metadata meta.ObjectMeta o', '2 spec CronJobSpec o', '3 status CronJobStatus o'],
    CronJobSpec: [
      '1 schedule string', '8 timeZone string po', '2 startingDeadlineSeconds int64 po', '3 concurrencyPolicy string o',
      '4 suspend bool po', '5 jobTemplate JobTemplateSpec', '6 successfulJobsHistoryLimit int32 po',
      '7 failedJobsHistoryLimit int32 po',
    ],
    JobTemplateSpec: ['1 metadata meta.ObjectMeta o', '2 spec JobSpec o'],
    CronJobStatus: ['1 active []core.ObjectReference o', '4 lastScheduleTime meta.Time po', '5 lastSuccessfulTime meta.Time po'],
  },
});
