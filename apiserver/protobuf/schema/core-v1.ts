// Protobuf field tables of k8s.io/api/core/v1: the kinds kubectl creates and their own types.
// Notation in ./table.ts. Facts from upstream's generated.proto and the json/protobuf tags of the Go types
// (kubernetes/api v0.36.3), for the closure of the kinds kubectl sends as protobuf.
import { defineSchema } from './table.js';

export const coreV1 = defineSchema({
  package: 'k8s.io.api.core.v1',
  groupVersion: 'v1',
  kinds: ['Pod', 'Namespace', 'ConfigMap', 'Secret', 'Service', 'ServiceAccount', 'ResourceQuota', 'ReplicationController', 'PodTemplate'],
  messages: {
    Namespace: ['1 metadata meta.ObjectMeta o', '2 spec NamespaceSpec o', '3 status NamespaceStatus o'],
    NamespaceSpec: ['1 finalizers []string o'],
    NamespaceStatus: ['1 phase string o', '2 conditions []NamespaceCondition o'],
    NamespaceCondition: [
      '1 type string', '2 status string', '4 lastTransitionTime meta.Time o', '5 reason string o', '6 message string o',
    ],
    ConfigMap: [
      '1 metadata meta.ObjectMeta o', '4 immutable bool po', '2 data map<string,string> o', '3 binaryData map<string,bytes> o',
    ],
    Secret: [
      '1 metadata meta.ObjectMeta o', '5 immutable bool po', '2 data map<string,bytes> o', '4 stringData map<string,string> o',
      '3 type string o',
    ],
    Service: ['1 metadata meta.ObjectMeta o', '2 spec ServiceSpec o', '3 status ServiceStatus o'],
    ServiceSpec: [
      '1 ports []ServicePort o', '2 selector map<string,string> o', '3 clusterIP string o', '18 clusterIPs []string o',
      '4 type string o', '5 externalIPs []string o', '7 sessionAffinity string o', '8 loadBalancerIP string o',
      '9 loadBalancerSourceRanges []string o', '10 externalName string o', '11 externalTrafficPolicy string o',
      '12 healthCheckNodePort int32 o', '13 publishNotReadyAddresses bool o',
      '14 sessionAffinityConfig SessionAffinityConfig po', '19 ipFamilies []string o', '17 ipFamilyPolicy string po',
      '20 allocateLoadBalancerNodePorts bool po', '21 loadBalancerClass string po', '22 internalTrafficPolicy string po',
      '23 trafficDistribution string po',
    ],
    ServicePort: [
      '1 name string o', '2 protocol string o', '6 appProtocol string po', '3 port int32', '4 targetPort intstr.IntOrString o',
      '5 nodePort int32 o',
    ],
    SessionAffinityConfig: ['1 clientIP ClientIPConfig po'],
    ClientIPConfig: ['1 timeoutSeconds int32 po'],
    ServiceStatus: ['1 loadBalancer LoadBalancerStatus o', '2 conditions []meta.Condition o'],
    LoadBalancerStatus: ['1 ingress []LoadBalancerIngress o'],
    LoadBalancerIngress: ['1 ip string o', '2 hostname string o', '3 ipMode string po', '4 ports []PortStatus o'],
    PortStatus: ['1 port int32', '2 protocol string', '3 error string po'],
    ServiceAccount: [
      '1 metadata meta.ObjectMeta o', '2 secrets []ObjectReference o', '3 imagePullSecrets []LocalObjectReference o',
      '4 automountServiceAccountToken bool po',
    ],
    ObjectReference: [
      '1 kind string o', '2 namespace string o', '3 name string o', '4 uid string o', '5 apiVersion string o',
      '6 resourceVersion string o', '7 fieldPath string o',
    ],
    ResourceQuota: ['1 metadata meta.ObjectMeta o', '2 spec ResourceQuotaSpec o', '3 status ResourceQuotaStatus o'],
    ResourceQuotaSpec: ['1 hard map<string,resource.Quantity> o', '2 scopes []string o', '3 scopeSelector ScopeSelector po'],
    ScopeSelector: ['1 matchExpressions []ScopedResourceSelectorRequirement o'],
    ScopedResourceSelectorRequirement: ['1 scopeName string', '2 operator string', '3 values []string o'],
    ResourceQuotaStatus: ['1 hard map<string,resource.Quantity> o', '2 used map<string,resource.Quantity> o'],
    ReplicationController: [
      '1 metadata meta.ObjectMeta o', '2 spec ReplicationControllerSpec o', '3 status ReplicationControllerStatus o',
    ],
    ReplicationControllerSpec: [
      '1 replicas int32 po', '4 minReadySeconds int32 o', '2 selector map<string,string> o', '3 template PodTemplateSpec po',
    ],
    PodTemplateSpec: ['1 metadata meta.ObjectMeta o', '2 spec PodSpec o'],
    ReplicationControllerStatus: [
      '1 replicas int32', '2 fullyLabeledReplicas int32 o', '4 readyReplicas int32 o', '5 availableReplicas int32 o',
      '3 observedGeneration int64 o', '6 conditions []ReplicationControllerCondition o',
    ],
    ReplicationControllerCondition: [
      '1 type string', '2 status string', '3 lastTransitionTime meta.Time o', '4 reason string o', '5 message string o',
    ],
    PodTemplate: ['1 metadata meta.ObjectMeta o', '2 template PodTemplateSpec o'],
  },
});
