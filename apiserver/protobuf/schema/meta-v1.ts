// Protobuf field tables of k8s.io/apimachinery/pkg/apis/meta/v1: ObjectMeta and its parts, LabelSelector, DeleteOptions.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/apimachinery v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const metaV1 = defineSchema({
  package: 'k8s.io.apimachinery.pkg.apis.meta.v1',
  messages: {
    ObjectMeta: [
      '1 name string o', '2 generateName string o', '3 namespace string o', '4 selfLink string o', '5 uid string o',
      '6 resourceVersion string o', '7 generation int64 o', '8 creationTimestamp Time oz', '9 deletionTimestamp Time po',
      '10 deletionGracePeriodSeconds int64 po', '11 labels map<string,string> o', '12 annotations map<string,string> o',
      '13 ownerReferences []OwnerReference o', '14 finalizers []string o', '17 managedFields []ManagedFieldsEntry o',
    ],
    OwnerReference: [
      '5 apiVersion string', '1 kind string', '3 name string', '4 uid string', '6 controller bool po',
      '7 blockOwnerDeletion bool po',
    ],
    ManagedFieldsEntry: [
      '1 manager string o', '2 operation string o', '3 apiVersion string o', '4 time Time po', '6 fieldsType string o',
      '7 fieldsV1 FieldsV1 po', '8 subresource string o',
    ],
    LabelSelector: ['1 matchLabels map<string,string> o', '2 matchExpressions []LabelSelectorRequirement o'],
    LabelSelectorRequirement: ['1 key string', '2 operator string', '3 values []string o'],
    Condition: [
      '1 type string', '2 status string', '3 observedGeneration int64 o', '4 lastTransitionTime Time', '5 reason string',
      '6 message string',
    ],
    DeleteOptions: [
      '1 gracePeriodSeconds int64 po', '2 preconditions Preconditions po', '3 orphanDependents bool po',
      '4 propagationPolicy string po', '5 dryRun []string o', '6 ignoreStoreReadErrorWithClusterBreakingPotential bool po',
    ],
    Preconditions: ['1 uid string po', '2 resourceVersion string po'],
    FieldSelectorRequirement: ['1 key string', '2 operator string', '3 values []string o'],
  },
});
