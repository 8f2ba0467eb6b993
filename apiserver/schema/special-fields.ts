// Fields whose wire type client-node's models lose: resource.Quantity (declared `string`),
// runtime.RawExtension and the apiextensions JSON types (declared `any`), integer lists without a format, and
// two empty structs. Keyed by client-node model, then JSON field name. Checked against upstream's OpenAPI
// (Kubernetes 1.34, the version client-node 1.4 is generated from): every `$ref` to Quantity, RawExtension,
// JSON, JSONSchemaPropsOr*, FieldsV1 whose client-node type differs is listed here.
import type { TypeRef } from './types.js';

const Q: TypeRef = { kind: 'quantity' };
/** core/v1 ResourceList (`map[ResourceName]resource.Quantity`). */
const RESOURCE_LIST: TypeRef = { kind: 'map', values: Q, goType: 'v1.ResourceList' };
/** resource.k8s.io's `map[QualifiedName]resource.Quantity`. */
const QUALIFIED_QUANTITIES: TypeRef = { kind: 'map', values: Q, goType: 'map[v1.QualifiedName]resource.Quantity' };
const QUANTITIES: TypeRef = { kind: 'array', items: Q };
const RAW: TypeRef = { kind: 'opaque', def: 'RawExtension' };
const JSON_VALUE: TypeRef = { kind: 'opaque', def: 'JSON' };
const INT32S: TypeRef = { kind: 'array', items: { kind: 'integer', format: 'int32' } };
const INT64S: TypeRef = { kind: 'array', items: { kind: 'integer', format: 'int64' } };

// resource.k8s.io repeats its device types in v1, v1beta1 and v1beta2.
const deviceTypes = (v: string): Record<string, Record<string, TypeRef>> => ({
  [`${v}AllocatedDeviceStatus`]: { data: RAW },
  [`${v}CapacityRequestPolicy`]: { default: Q, validValues: QUANTITIES },
  [`${v}CapacityRequestPolicyRange`]: { max: Q, min: Q, step: Q },
  [`${v}CapacityRequirements`]: { requests: QUALIFIED_QUANTITIES },
  [`${v}Counter`]: { value: Q },
  [`${v}DeviceCapacity`]: { value: Q },
  [`${v}DeviceRequestAllocationResult`]: { consumedCapacity: QUALIFIED_QUANTITIES },
  [`${v}OpaqueDeviceConfiguration`]: { parameters: RAW },
});

export const FIELD_OVERRIDES: Readonly<Record<string, Readonly<Record<string, TypeRef>>>> = {
  ...deviceTypes('V1'),
  ...deviceTypes('V1beta1'),
  ...deviceTypes('V1beta2'),
  V1CSIStorageCapacity: { capacity: Q, maximumVolumeSize: Q },
  V1ContainerRestartRuleOnExitCodes: { values: INT32S },
  V1ContainerStatus: { allocatedResources: RESOURCE_LIST },
  V1ControllerRevision: { data: RAW },
  V1CustomResourceSubresources: { status: { kind: 'model', model: 'V1CustomResourceSubresourceStatus' } },
  V1EmptyDirVolumeSource: { sizeLimit: Q },
  V1JSONSchemaProps: {
    additionalItems: { kind: 'opaque', def: 'JSONSchemaPropsOrBool' },
    additionalProperties: { kind: 'opaque', def: 'JSONSchemaPropsOrBool' },
    default: JSON_VALUE,
    dependencies: { kind: 'map', values: { kind: 'opaque', def: 'JSONSchemaPropsOrStringArray' } },
    enum: { kind: 'array', items: JSON_VALUE },
    example: JSON_VALUE,
    items: { kind: 'opaque', def: 'JSONSchemaPropsOrArray' },
  },
  V1LimitRangeItem: { default: RESOURCE_LIST, defaultRequest: RESOURCE_LIST, max: RESOURCE_LIST, maxLimitRequestRatio: RESOURCE_LIST, min: RESOURCE_LIST },
  V1LinuxContainerUser: { supplementalGroups: INT64S },
  V1ManagedFieldsEntry: { fieldsV1: { kind: 'opaque', def: 'FieldsV1' } },
  V1NodeStatus: { allocatable: RESOURCE_LIST, capacity: RESOURCE_LIST },
  V1Overhead: { podFixed: RESOURCE_LIST },
  V1PersistentVolumeClaimStatus: { allocatedResources: RESOURCE_LIST, capacity: RESOURCE_LIST },
  V1PersistentVolumeSpec: { capacity: RESOURCE_LIST },
  V1PodFailurePolicyOnExitCodesRequirement: { values: INT32S },
  V1PodSecurityContext: { supplementalGroups: INT64S },
  V1PodSpec: { overhead: RESOURCE_LIST },
  V1ResourceFieldSelector: { divisor: Q },
  V1ResourceQuotaSpec: { hard: RESOURCE_LIST },
  V1ResourceQuotaStatus: { hard: RESOURCE_LIST, used: RESOURCE_LIST },
  V1ResourceRequirements: { limits: RESOURCE_LIST, requests: RESOURCE_LIST },
  V1VolumeResourceRequirements: { limits: RESOURCE_LIST, requests: RESOURCE_LIST },
  V1WatchEvent: { object: RAW },
  V1alpha1StorageVersion: { spec: { kind: 'model', model: 'V1alpha1StorageVersionSpec' } },
  V2HPAScalingRules: { tolerance: Q },
  V2MetricTarget: { averageValue: Q, value: Q },
  V2MetricValueStatus: { averageValue: Q, value: Q },
};

/** Models upstream has and client-node lacks: empty structs (every field in them is unknown). */
export const EXTRA_MODELS: Readonly<Record<string, { description: string }>> = {
  V1CustomResourceSubresourceStatus: {
    description:
      'CustomResourceSubresourceStatus defines how to serve the status subresource for CustomResources. Status is represented by the `.status` JSON path inside of a CustomResource. When set, * exposes a /status subresource for the custom resource * PUT requests to the /status subresource take a custom resource object, and ignore changes to anything except the status stanza * PATCH requests to the /status subresource take a custom resource object, and ignore changes to anything except the status stanza',
  },
  V1alpha1StorageVersionSpec: { description: 'StorageVersionSpec is an empty spec.' },
};

/**
 * Fields promoted from an embedded Go struct, with the embedded structs' names: Go's decoder puts those
 * names in its error path (`Probe.spec.containers.livenessProbe.ProbeHandler.exec`). TypeMeta is left out:
 * a wrong apiVersion or kind fails earlier, when the server reads the object's kind.
 */
export function embeddedPath(model: string, field: string): readonly string[] | undefined {
  return EMBEDDED[model]?.[field];
}

const embed = (struct: string[], fields: string): Record<string, string[]> => Object.fromEntries(fields.split(' ').map((f) => [f, struct]));
const PV_SOURCES =
  'awsElasticBlockStore azureDisk azureFile cephfs cinder csi fc flexVolume flocker gcePersistentDisk glusterfs hostPath iscsi local nfs photonPersistentDisk portworxVolume quobyte rbd scaleIO storageos vsphereVolume';
const VOLUME_SOURCES =
  'awsElasticBlockStore azureDisk azureFile cephfs cinder configMap csi downwardAPI emptyDir ephemeral fc flexVolume flocker gcePersistentDisk gitRepo glusterfs hostPath image iscsi nfs persistentVolumeClaim photonPersistentDisk portworxVolume projected quobyte rbd scaleIO secret storageos vsphereVolume';
const CONTAINER_FIELDS =
  'args command env envFrom image imagePullPolicy lifecycle livenessProbe name ports readinessProbe resizePolicy resources restartPolicy restartPolicyRules securityContext startupProbe stdin stdinOnce terminationMessagePath terminationMessagePolicy tty volumeDevices volumeMounts workingDir';
const LOCAL_REF = embed(['LocalObjectReference'], 'name');
const NAMED_RULE = { ...embed(['RuleWithOperations'], 'operations'), ...embed(['RuleWithOperations', 'Rule'], 'apiGroups apiVersions resources scope') };
const DEVICE_CONFIG = embed(['DeviceConfiguration'], 'opaque');

const EMBEDDED: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  V1Volume: embed(['VolumeSource'], VOLUME_SOURCES),
  V1PersistentVolumeSpec: embed(['PersistentVolumeSource'], PV_SOURCES),
  V1Probe: embed(['ProbeHandler'], 'exec grpc httpGet tcpSocket'),
  V1EphemeralContainer: embed(['EphemeralContainerCommon'], CONTAINER_FIELDS),
  V1SecretProjection: LOCAL_REF,
  V1ConfigMapVolumeSource: LOCAL_REF,
  V1ConfigMapProjection: LOCAL_REF,
  V1ConfigMapKeySelector: LOCAL_REF,
  V1SecretKeySelector: LOCAL_REF,
  V1ConfigMapEnvSource: LOCAL_REF,
  V1SecretEnvSource: LOCAL_REF,
  V1IngressRule: embed(['IngressRuleValue'], 'http'),
  V1RuleWithOperations: embed(['Rule'], 'apiGroups apiVersions resources scope'),
  V1NamedRuleWithOperations: NAMED_RULE,
  V1alpha1NamedRuleWithOperations: NAMED_RULE,
  V1beta1NamedRuleWithOperations: NAMED_RULE,
  V1DeviceClaimConfiguration: DEVICE_CONFIG,
  V1DeviceClassConfiguration: DEVICE_CONFIG,
  V1DeviceAllocationConfiguration: DEVICE_CONFIG,
  V1beta1DeviceClaimConfiguration: DEVICE_CONFIG,
  V1beta1DeviceClassConfiguration: DEVICE_CONFIG,
  V1beta1DeviceAllocationConfiguration: DEVICE_CONFIG,
  V1beta2DeviceClaimConfiguration: DEVICE_CONFIG,
  V1beta2DeviceClassConfiguration: DEVICE_CONFIG,
  V1beta2DeviceAllocationConfiguration: DEVICE_CONFIG,
};
