// The batch/v1 Job shapes the job, TTL-after-finished and cronjob controllers read and write.
import type { KubeObject } from '../../client/client.js';
import type { Condition, LabelSelectorJSON, Meta, PodTemplate } from '../support/api-types.js';

export interface PodFailurePolicyRule {
  action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] } | null;
  onPodConditions?: Array<{ type: string; status?: string }> | null;
}

export interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  completionMode?: 'NonIndexed' | 'Indexed';
  suspend?: boolean;
  selector?: LabelSelectorJSON;
  podFailurePolicy?: { rules: PodFailurePolicyRule[] } | null;
  template: PodTemplate;
}

export interface JobStatus {
  active?: number;
  ready?: number;
  succeeded?: number;
  failed?: number;
  startTime?: string;
  completionTime?: string;
  completedIndexes?: string;
  conditions?: Condition[];
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export interface Job extends KubeObject {
  metadata: Meta;
  spec: JobSpec;
  status?: JobStatus;
}
