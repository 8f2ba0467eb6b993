// Protobuf field tables of k8s.io/api/autoscaling/v2.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const autoscalingV2 = defineSchema({
  package: 'k8s.io.api.autoscaling.v2',
  groupVersion: 'autoscaling/v2',
  kinds: ['HorizontalPodAutoscaler'],
  messages: {
    HorizontalPodAutoscaler: [
      '1 metadata meta.ObjectMeta o', '2 spec HorizontalPodAutoscalerSpec o', '3 status HorizontalPodAutoscalerStatus o',
    ],
    HorizontalPodAutoscalerSpec: [
      '1 scaleTargetRef CrossVersionObjectReference', '2 minReplicas int32 po', '3 maxReplicas int32',
      '4 metrics []MetricSpec o', '5 behavior HorizontalPodAutoscalerBehavior po',
    ],
    CrossVersionObjectReference: ['1 kind string', '2 name string', '3 apiVersion string o'],
    MetricSpec: [
      '1 type string', '2 object ObjectMetricSource po', '3 pods PodsMetricSource po', '4 resource ResourceMetricSource po',
      '7 containerResource ContainerResourceMetricSource po', '5 external ExternalMetricSource po',
    ],
    ObjectMetricSource: ['1 describedObject CrossVersionObjectReference', '2 target MetricTarget', '3 metric MetricIdentifier'],
    MetricTarget: [
      '1 type string', '2 value resource.Quantity po', '3 averageValue resource.Quantity po', '4 averageUtilization int32 po',
    ],
    MetricIdentifier: ['1 name string', '2 selector meta.LabelSelector po'],
    PodsMetricSource: ['1 metric MetricIdentifier', '2 target MetricTarget'],
    ResourceMetricSource: ['1 name string', '2 target MetricTarget'],
    ContainerResourceMetricSource: ['1 name string', '2 target MetricTarget', '3 container string'],
    ExternalMetricSource: ['1 metric MetricIdentifier', '2 target MetricTarget'],
    HorizontalPodAutoscalerBehavior: ['1 scaleUp HPAScalingRules po', '2 scaleDown HPAScalingRules po'],
    HPAScalingRules: [
      '3 stabilizationWindowSeconds int32 po', '1 selectPolicy string po', '2 policies []HPAScalingPolicy o',
      '4 tolerance resource.Quantity po',
    ],
    HPAScalingPolicy: ['1 type string', '2 value int32', '3 periodSeconds int32'],
    HorizontalPodAutoscalerStatus: [
      '1 observedGeneration int64 po', '2 lastScaleTime meta.Time po', '3 currentReplicas int32 o', '4 desiredReplicas int32',
      '5 currentMetrics []MetricStatus', '6 conditions []HorizontalPodAutoscalerCondition o',
    ],
    MetricStatus: [
      '1 type string', '2 object ObjectMetricStatus po', '3 pods PodsMetricStatus po', '4 resource ResourceMetricStatus po',
      '7 containerResource ContainerResourceMetricStatus po', '5 external ExternalMetricStatus po',
    ],
    ObjectMetricStatus: [
      '1 metric MetricIdentifier', '2 current MetricValueStatus', '3 describedObject CrossVersionObjectReference',
    ],
    MetricValueStatus: ['1 value resource.Quantity po', '2 averageValue resource.Quantity po', '3 averageUtilization int32 po'],
    PodsMetricStatus: ['1 metric MetricIdentifier', '2 current MetricValueStatus'],
    ResourceMetricStatus: ['1 name string', '2 current MetricValueStatus'],
    ContainerResourceMetricStatus: ['1 name string', '2 current MetricValueStatus', '3 container string'],
    ExternalMetricStatus: ['1 metric MetricIdentifier', '2 current MetricValueStatus'],
    HorizontalPodAutoscalerCondition: [
      '1 type string', '2 status string', '3 lastTransitionTime meta.Time o', '4 reason string o', '5 message string o',
    ],
  },
});
