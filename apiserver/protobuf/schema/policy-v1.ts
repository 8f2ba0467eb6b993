// Protobuf field tables of k8s.io/api/policy/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const policyV1 = defineSchema({
  package: 'k8s.io.api.policy.v1',
  groupVersion: 'policy/v1',
  kinds: ['PodDisruptionBudget', 'Eviction'],
  messages: {
    PodDisruptionBudget: [
      '1 metadata meta.ObjectMeta o', '2 spec PodDisruptionBudgetSpec o', '3 status PodDisruptionBudgetStatus o',
    ],
    PodDisruptionBudgetSpec: [
      '1 minAvailable intstr.IntOrString po', '2 selector meta.LabelSelector po', '3 maxUnavailable intstr.IntOrString po',
      '4 unhealthyPodEvictionPolicy string po',
    ],
    PodDisruptionBudgetStatus: [
      '1 observedGeneration int64 o', '2 disruptedPods map<string,meta.Time> o', '3 disruptionsAllowed int32',
      '4 currentHealthy int32', '5 desiredHealthy int32', '6 expectedPods int32', '7 conditions []meta.Condition o',
    ],
    Eviction: ['1 metadata meta.ObjectMeta o', '2 deleteOptions meta.DeleteOptions po'],
  },
});
