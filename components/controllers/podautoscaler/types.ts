// The autoscaling/v2 HorizontalPodAutoscaler wire shapes the HPA controller reads and writes, as plain
// JSON off the informer. Field names are upstream's; only what the controller touches is typed.
import type { ResourceType } from '../../client/client.js';
import type { LabelSelector, Obj } from '../workload-common/types.js';

export const horizontalPodAutoscalers: ResourceType = {
  group: 'autoscaling',
  version: 'v2',
  plural: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
  namespaced: true,
};

export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface MetricTarget {
  type: 'Utilization' | 'Value' | 'AverageValue' | string;
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface MetricIdentifier {
  name: string;
  selector?: LabelSelector | null;
}

export interface MetricSpec {
  type: 'Resource' | 'ContainerResource' | 'Pods' | 'Object' | 'External' | string;
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  pods?: { metric: MetricIdentifier; target: MetricTarget };
  object?: { describedObject: CrossVersionObjectReference; metric: MetricIdentifier; target: MetricTarget };
  external?: { metric: MetricIdentifier; target: MetricTarget };
}

export interface MetricValueStatus {
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface MetricStatus {
  type: string;
  resource?: { name: string; current: MetricValueStatus };
  [k: string]: unknown;
}

export interface HPAScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

export interface HPAScalingRules {
  stabilizationWindowSeconds?: number | null;
  selectPolicy?: 'Max' | 'Min' | 'Disabled' | null;
  policies?: HPAScalingPolicy[] | null;
}

export interface HorizontalPodAutoscalerBehavior {
  scaleUp?: HPAScalingRules | null;
  scaleDown?: HPAScalingRules | null;
}

export interface HorizontalPodAutoscalerCondition {
  type: 'AbleToScale' | 'ScalingActive' | 'ScalingLimited' | string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface HorizontalPodAutoscalerStatus {
  observedGeneration?: number;
  lastScaleTime?: string;
  currentReplicas?: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[] | null;
  conditions?: HorizontalPodAutoscalerCondition[] | null;
}

export interface HorizontalPodAutoscaler extends Obj {
  spec?: {
    scaleTargetRef: CrossVersionObjectReference;
    minReplicas?: number | null;
    maxReplicas: number;
    metrics?: MetricSpec[] | null;
    behavior?: HorizontalPodAutoscalerBehavior | null;
  };
  status?: HorizontalPodAutoscalerStatus;
}
