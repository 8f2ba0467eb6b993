// Protobuf field tables of k8s.io/api/scheduling/v1.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const schedulingV1 = defineSchema({
  package: 'k8s.io.api.scheduling.v1',
  groupVersion: 'scheduling.k8s.io/v1',
  kinds: ['PriorityClass'],
  messages: {
    PriorityClass: [
      '1 metadata meta.ObjectMeta o', '2 value int32', '3 globalDefault bool o', '4 description string o',
      '5 preemptionPolicy string po',
    ],
  },
});
