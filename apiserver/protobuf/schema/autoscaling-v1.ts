// Protobuf field tables of k8s.io/api/autoscaling/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const autoscalingV1 = defineSchema({
  package: 'k8s.io.api.autoscaling.v1',
  groupVersion: 'autoscaling/v1',
  kinds: ['HorizontalPodAutoscaler'],
  messages: {
    HorizontalPodAutoscaler: [
      '1 metadata meta.ObjectMeta o', '2 spec HorizontalPodAutoscalerSpec o', '3 status HorizontalPodAutoscalerStatus o',
    ],
    HorizontalPodAutoscalerSpec: [
      '1 scaleTargetRef CrossVersionObjectReference', '2 minReplicas int32 po', '3 maxReplicas int32',
      '4 targetCPUUtilizationPercentage int32 po',
    ],
    CrossVersionObjectReference: ['1 kind string', '2 name string', '3 apiVersion string o'],
    HorizontalPodAutoscalerStatus: [
      '1 observedGeneration int64 po', '2 lastScaleTime meta.Time po', '3 currentReplicas int32', '4 desiredReplicas int32',
      '5 currentCPUUtilizationPercentage int32 po',
    ],
  },
});
