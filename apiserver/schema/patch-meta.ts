// Patch and list semantics of the built-in types: upstream's `patchStrategy`/`patchMergeKey` struct tags
// (strategic merge patch) and `+listType`/`+listMapKey`/`+mapType` markers (server-side apply), as they
// appear in upstream's OpenAPI as x-kubernetes-patch-strategy, x-kubernetes-patch-merge-key,
// x-kubernetes-list-type, x-kubernetes-list-map-keys and x-kubernetes-map-type. Kubernetes 1.34, keyed by
// client-node model and JSON field name. Read by the strategic-merge-patch code, server-side apply and the
// OpenAPI documents.
//
// Entry syntax, space separated: `patch=<strategy>[/<mergeKey>]`, `list=atomic|set|map(<key>,...)`,
// `map=atomic|granular`.

export type PatchStrategy = 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys';

export interface PatchMeta {
  /** Absent: the default (lists are replaced, maps and structs merged). */
  strategy?: PatchStrategy;
  /** The field identifying list items for `merge` (`name` for containers); absent for lists of scalars. */
  mergeKey?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  /** For maps and structs: `atomic` replaces the whole value in server-side apply. */
  mapType?: 'atomic' | 'granular';
}

/** Patch meta of `model.field`, or undefined when upstream declares none. */
export function patchMeta(model: string, field: string): PatchMeta | undefined {
  const key = `${model}.${field}`;
  const hit = parsed.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const spec = TABLE[model]?.[field];
  const meta = spec === undefined ? undefined : parse(spec);
  parsed.set(key, meta ?? null);
  return meta;
}

/** Every field of a model that has patch meta (for tests and documents). */
export function patchMetaFields(model: string): string[] {
  return Object.keys(TABLE[model] ?? {});
}

/** `atomic` when the whole struct is one value for server-side apply (ObjectReference, LabelSelector, ...). */
export function structMapType(model: string): 'atomic' | undefined {
  return ATOMIC_STRUCTS.has(model) ? 'atomic' : undefined;
}

const parsed = new Map<string, PatchMeta | null>();

function parse(spec: string): PatchMeta {
  const meta: PatchMeta = {};
  for (const token of spec.split(' ')) {
    const [name, value = ''] = token.split('=') as [string, string?];
    if (name === 'patch') {
      const [strategy, mergeKey] = value.split('/');
      meta.strategy = strategy as PatchStrategy;
      if (mergeKey) meta.mergeKey = mergeKey;
    } else if (name === 'list') {
      const m = /^map\((.*)\)$/.exec(value);
      if (m) {
        meta.listType = 'map';
        meta.listMapKeys = m[1]!.split(',');
      } else meta.listType = value as 'atomic' | 'set';
    } else if (name === 'map') meta.mapType = value as 'atomic' | 'granular';
  }
  return meta;
}

const ATOMIC_STRUCTS = new Set([
  'CoreV1EndpointPort',
  'DiscoveryV1EndpointPort',
  'RbacV1Subject',
  'V1ConfigMapKeySelector',
  'V1CrossVersionObjectReference',
  'V1EndpointAddress',
  'V1FileKeySelector',
  'V1LabelSelector',
  'V1LocalObjectReference',
  'V1MatchResources',
  'V1NamedRuleWithOperations',
  'V1NodeSelector',
  'V1NodeSelectorTerm',
  'V1ObjectFieldSelector',
  'V1ObjectReference',
  'V1OwnerReference',
  'V1ParamKind',
  'V1ParamRef',
  'V1ResourceFieldSelector',
  'V1RoleRef',
  'V1ScopeSelector',
  'V1SecretKeySelector',
  'V1SecretReference',
  'V1ServiceBackendPort',
  'V1TopologySelectorTerm',
  'V1TypedLocalObjectReference',
  'V1Variable',
  'V1alpha1MatchResources',
  'V1alpha1NamedRuleWithOperations',
  'V1alpha1ParamKind',
  'V1alpha1ParamRef',
  'V1beta1MatchResources',
  'V1beta1NamedRuleWithOperations',
  'V1beta1ParamKind',
  'V1beta1ParamRef',
  'V1beta1Variable',
]);

const TABLE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  V1APIGroup: { serverAddressByClientCIDRs: 'list=atomic', versions: 'list=atomic' },
  V1APIGroupList: { groups: 'list=atomic' },
  V1APIResource: { categories: 'list=atomic', shortNames: 'list=atomic' },
  V1APIResourceList: { resources: 'list=atomic' },
  V1APIServiceSpec: { caBundle: 'list=atomic' },
  V1APIServiceStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1APIVersions: { serverAddressByClientCIDRs: 'list=atomic', versions: 'list=atomic' },
  V1AggregationRule: { clusterRoleSelectors: 'list=atomic' },
  V1AllocatedDeviceStatus: { conditions: 'list=map(type)' },
  V1CSIDriverSpec: { tokenRequests: 'list=atomic', volumeLifecycleModes: 'list=set' },
  V1CSINodeDriver: { topologyKeys: 'list=atomic' },
  V1CSINodeSpec: { drivers: 'patch=merge/name list=map(name)' },
  V1Capabilities: { add: 'list=atomic', drop: 'list=atomic' },
  V1CapacityRequestPolicy: { validValues: 'list=atomic' },
  V1CephFSPersistentVolumeSource: { monitors: 'list=atomic' },
  V1CephFSVolumeSource: { monitors: 'list=atomic' },
  V1CertificateSigningRequestSpec: { groups: 'list=atomic', usages: 'list=atomic' },
  V1CertificateSigningRequestStatus: { conditions: 'list=map(type)' },
  V1ClusterRole: { rules: 'list=atomic' },
  V1ClusterRoleBinding: { subjects: 'list=atomic' },
  V1ComponentStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1ConfigMapProjection: { items: 'list=atomic' },
  V1ConfigMapVolumeSource: { items: 'list=atomic' },
  V1Container: {
    args: 'list=atomic',
    command: 'list=atomic',
    env: 'patch=merge/name list=map(name)',
    envFrom: 'list=atomic',
    ports: 'patch=merge/containerPort list=map(containerPort,protocol)',
    resizePolicy: 'list=atomic',
    restartPolicyRules: 'list=atomic',
    volumeDevices: 'patch=merge/devicePath list=map(devicePath)',
    volumeMounts: 'patch=merge/mountPath list=map(mountPath)',
  },
  V1ContainerImage: { names: 'list=atomic' },
  V1ContainerRestartRuleOnExitCodes: { values: 'list=set' },
  V1ContainerStatus: {
    allocatedResourcesStatus: 'patch=merge/name list=map(name)',
    volumeMounts: 'patch=merge/mountPath list=map(mountPath)',
  },
  V1CronJobStatus: { active: 'list=atomic' },
  V1CustomResourceDefinitionNames: { categories: 'list=atomic', shortNames: 'list=atomic' },
  V1CustomResourceDefinitionSpec: { versions: 'list=atomic' },
  V1CustomResourceDefinitionStatus: { conditions: 'list=map(type)', storedVersions: 'list=atomic' },
  V1CustomResourceDefinitionVersion: { additionalPrinterColumns: 'list=atomic', selectableFields: 'list=atomic' },
  V1DaemonSetStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1DeleteOptions: { dryRun: 'list=atomic' },
  V1DeploymentSpec: { strategy: 'patch=retainKeys' },
  V1DeploymentStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1Device: {
    bindingConditions: 'list=atomic',
    bindingFailureConditions: 'list=atomic',
    consumesCounters: 'list=atomic',
    taints: 'list=atomic',
  },
  V1DeviceAllocationConfiguration: { requests: 'list=atomic' },
  V1DeviceAllocationResult: { config: 'list=atomic', results: 'list=atomic' },
  V1DeviceClaim: { config: 'list=atomic', constraints: 'list=atomic', requests: 'list=atomic' },
  V1DeviceClaimConfiguration: { requests: 'list=atomic' },
  V1DeviceClassSpec: { config: 'list=atomic', selectors: 'list=atomic' },
  V1DeviceConstraint: { requests: 'list=atomic' },
  V1DeviceRequest: { firstAvailable: 'list=atomic' },
  V1DeviceRequestAllocationResult: {
    bindingConditions: 'list=atomic',
    bindingFailureConditions: 'list=atomic',
    tolerations: 'list=atomic',
  },
  V1DeviceSubRequest: { selectors: 'list=atomic', tolerations: 'list=atomic' },
  V1DownwardAPIProjection: { items: 'list=atomic' },
  V1DownwardAPIVolumeSource: { items: 'list=atomic' },
  V1Endpoint: { addresses: 'list=set' },
  V1EndpointHints: { forNodes: 'list=atomic', forZones: 'list=atomic' },
  V1EndpointSlice: { endpoints: 'list=atomic', ports: 'list=atomic' },
  V1EndpointSubset: { addresses: 'list=atomic', notReadyAddresses: 'list=atomic', ports: 'list=atomic' },
  V1Endpoints: { subsets: 'list=atomic' },
  V1EphemeralContainer: {
    args: 'list=atomic',
    command: 'list=atomic',
    env: 'patch=merge/name list=map(name)',
    envFrom: 'list=atomic',
    ports: 'patch=merge/containerPort list=map(containerPort,protocol)',
    resizePolicy: 'list=atomic',
    restartPolicyRules: 'list=atomic',
    volumeDevices: 'patch=merge/devicePath list=map(devicePath)',
    volumeMounts: 'patch=merge/mountPath list=map(mountPath)',
  },
  V1ExactDeviceRequest: { selectors: 'list=atomic', tolerations: 'list=atomic' },
  V1ExecAction: { command: 'list=atomic' },
  V1FCVolumeSource: { targetWWNs: 'list=atomic', wwids: 'list=atomic' },
  V1FieldSelectorAttributes: { requirements: 'list=atomic' },
  V1FieldSelectorRequirement: { values: 'list=atomic' },
  V1FlowSchemaSpec: { rules: 'list=atomic' },
  V1FlowSchemaStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1HTTPGetAction: { httpHeaders: 'list=atomic' },
  V1HTTPIngressRuleValue: { paths: 'list=atomic' },
  V1HostAlias: { hostnames: 'list=atomic' },
  V1IPBlock: { except: 'list=atomic' },
  V1ISCSIPersistentVolumeSource: { portals: 'list=atomic' },
  V1ISCSIVolumeSource: { portals: 'list=atomic' },
  V1IngressLoadBalancerIngress: { ports: 'list=atomic' },
  V1IngressLoadBalancerStatus: { ingress: 'list=atomic' },
  V1IngressSpec: { rules: 'list=atomic', tls: 'list=atomic' },
  V1IngressTLS: { hosts: 'list=atomic' },
  V1JSONSchemaProps: {
    allOf: 'list=atomic',
    anyOf: 'list=atomic',
    enum: 'list=atomic',
    oneOf: 'list=atomic',
    required: 'list=atomic', "x-kubernetes-list-map-keys": 'list=atomic', "x-kubernetes-validations": 'patch=merge/rule list=map(rule)',
  },
  V1JobStatus: { conditions: 'patch=merge/type list=atomic' },
  V1LabelSelector: { matchExpressions: 'list=atomic' },
  V1LabelSelectorAttributes: { requirements: 'list=atomic' },
  V1LabelSelectorRequirement: { values: 'list=atomic' },
  V1LimitRangeSpec: { limits: 'list=atomic' },
  V1LinuxContainerUser: { supplementalGroups: 'list=atomic' },
  V1LoadBalancerIngress: { ports: 'list=atomic' },
  V1LoadBalancerStatus: { ingress: 'list=atomic' },
  V1MatchResources: { excludeResourceRules: 'list=atomic', resourceRules: 'list=atomic' },
  V1MutatingWebhook: {
    admissionReviewVersions: 'list=atomic',
    matchConditions: 'patch=merge/name list=map(name)',
    rules: 'list=atomic',
  },
  V1MutatingWebhookConfiguration: { webhooks: 'patch=merge/name list=map(name)' },
  V1NamedRuleWithOperations: {
    apiGroups: 'list=atomic',
    apiVersions: 'list=atomic',
    operations: 'list=atomic',
    resourceNames: 'list=atomic',
    resources: 'list=atomic',
  },
  V1NamespaceSpec: { finalizers: 'list=atomic' },
  V1NamespaceStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1NetworkDeviceData: { ips: 'list=atomic' },
  V1NetworkPolicyEgressRule: { ports: 'list=atomic', to: 'list=atomic' },
  V1NetworkPolicyIngressRule: { from: 'list=atomic', ports: 'list=atomic' },
  V1NetworkPolicySpec: { egress: 'list=atomic', ingress: 'list=atomic', policyTypes: 'list=atomic' },
  V1NodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: 'list=atomic' },
  V1NodeSelector: { nodeSelectorTerms: 'list=atomic' },
  V1NodeSelectorRequirement: { values: 'list=atomic' },
  V1NodeSelectorTerm: { matchExpressions: 'list=atomic', matchFields: 'list=atomic' },
  V1NodeSpec: { podCIDRs: 'patch=merge list=set', taints: 'list=atomic' },
  V1NodeStatus: {
    addresses: 'patch=merge/type list=map(type)',
    conditions: 'patch=merge/type list=map(type)',
    images: 'list=atomic',
    runtimeHandlers: 'list=atomic',
    volumesAttached: 'list=atomic',
    volumesInUse: 'list=atomic',
  },
  V1NonResourcePolicyRule: { nonResourceURLs: 'list=set', verbs: 'list=set' },
  V1NonResourceRule: { nonResourceURLs: 'list=atomic', verbs: 'list=atomic' },
  V1ObjectMeta: {
    finalizers: 'patch=merge list=set',
    managedFields: 'list=atomic',
    ownerReferences: 'patch=merge/uid list=map(uid)',
  },
  V1PersistentVolumeClaimSpec: { accessModes: 'list=atomic' },
  V1PersistentVolumeClaimStatus: {
    accessModes: 'list=atomic',
    allocatedResourceStatuses: 'map=granular',
    conditions: 'patch=merge/type list=map(type)',
  },
  V1PersistentVolumeSpec: { accessModes: 'list=atomic', claimRef: 'map=granular', mountOptions: 'list=atomic' },
  V1PodAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
    requiredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
  },
  V1PodAffinityTerm: { matchLabelKeys: 'list=atomic', mismatchLabelKeys: 'list=atomic', namespaces: 'list=atomic' },
  V1PodAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
    requiredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
  },
  V1PodDNSConfig: { nameservers: 'list=atomic', options: 'list=atomic', searches: 'list=atomic' },
  V1PodDisruptionBudgetSpec: { selector: 'patch=replace' },
  V1PodDisruptionBudgetStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1PodExtendedResourceClaimStatus: { requestMappings: 'list=atomic' },
  V1PodFailurePolicy: { rules: 'list=atomic' },
  V1PodFailurePolicyOnExitCodesRequirement: { values: 'list=set' },
  V1PodFailurePolicyRule: { onPodConditions: 'list=atomic' },
  V1PodSecurityContext: { supplementalGroups: 'list=atomic', sysctls: 'list=atomic' },
  V1PodSpec: {
    containers: 'patch=merge/name list=map(name)',
    ephemeralContainers: 'patch=merge/name list=map(name)',
    hostAliases: 'patch=merge/ip list=map(ip)',
    imagePullSecrets: 'patch=merge/name list=map(name)',
    initContainers: 'patch=merge/name list=map(name)',
    nodeSelector: 'map=atomic',
    readinessGates: 'list=atomic',
    resourceClaims: 'patch=merge,retainKeys/name list=map(name)',
    schedulingGates: 'patch=merge/name list=map(name)',
    tolerations: 'list=atomic',
    topologySpreadConstraints: 'patch=merge/topologyKey list=map(topologyKey,whenUnsatisfiable)',
    volumes: 'patch=merge,retainKeys/name list=map(name)',
  },
  V1PodStatus: {
    conditions: 'patch=merge/type list=map(type)',
    containerStatuses: 'list=atomic',
    ephemeralContainerStatuses: 'list=atomic',
    hostIPs: 'patch=merge/ip list=atomic',
    initContainerStatuses: 'list=atomic',
    podIPs: 'patch=merge/ip list=map(ip)',
    resourceClaimStatuses: 'patch=merge,retainKeys/name list=map(name)',
  },
  V1PolicyRule: {
    apiGroups: 'list=atomic',
    nonResourceURLs: 'list=atomic',
    resourceNames: 'list=atomic',
    resources: 'list=atomic',
    verbs: 'list=atomic',
  },
  V1PolicyRulesWithSubjects: { nonResourceRules: 'list=atomic', resourceRules: 'list=atomic', subjects: 'list=atomic' },
  V1PriorityLevelConfigurationStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1ProjectedVolumeSource: { sources: 'list=atomic' },
  V1RBDPersistentVolumeSource: { monitors: 'list=atomic' },
  V1RBDVolumeSource: { monitors: 'list=atomic' },
  V1ReplicaSetStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1ReplicationControllerSpec: { selector: 'map=atomic' },
  V1ReplicationControllerStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1ResourceClaimStatus: {
    devices: 'list=map(driver,device,pool,shareID)',
    reservedFor: 'patch=merge/uid list=map(uid)',
  },
  V1ResourcePolicyRule: { apiGroups: 'list=set', namespaces: 'list=set', resources: 'list=set', verbs: 'list=set' },
  V1ResourceQuotaSpec: { scopes: 'list=atomic' },
  V1ResourceRequirements: { claims: 'list=map(name)' },
  V1ResourceRule: {
    apiGroups: 'list=atomic',
    resourceNames: 'list=atomic',
    resources: 'list=atomic',
    verbs: 'list=atomic',
  },
  V1ResourceSliceSpec: { devices: 'list=atomic', sharedCounters: 'list=atomic' },
  V1ResourceStatus: { resources: 'list=map(resourceID)' },
  V1Role: { rules: 'list=atomic' },
  V1RoleBinding: { subjects: 'list=atomic' },
  V1RuleWithOperations: {
    apiGroups: 'list=atomic',
    apiVersions: 'list=atomic',
    operations: 'list=atomic',
    resources: 'list=atomic',
  },
  V1Scheduling: { nodeSelector: 'map=atomic', tolerations: 'list=atomic' },
  V1ScopeSelector: { matchExpressions: 'list=atomic' },
  V1ScopedResourceSelectorRequirement: { values: 'list=atomic' },
  V1SecretProjection: { items: 'list=atomic' },
  V1SecretVolumeSource: { items: 'list=atomic' },
  V1ServiceAccount: { imagePullSecrets: 'list=atomic', secrets: 'patch=merge/name list=map(name)' },
  V1ServiceCIDRSpec: { cidrs: 'list=atomic' },
  V1ServiceCIDRStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1ServiceSpec: {
    clusterIPs: 'list=atomic',
    externalIPs: 'list=atomic',
    ipFamilies: 'list=atomic',
    loadBalancerSourceRanges: 'list=atomic',
    ports: 'patch=merge/port list=map(port,protocol)',
    selector: 'map=atomic',
  },
  V1ServiceStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1StatefulSetSpec: { volumeClaimTemplates: 'list=atomic' },
  V1StatefulSetStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1StatusDetails: { causes: 'list=atomic' },
  V1StorageClass: { allowedTopologies: 'list=atomic', mountOptions: 'list=atomic' },
  V1SubjectAccessReviewSpec: { groups: 'list=atomic' },
  V1SubjectRulesReviewStatus: { nonResourceRules: 'list=atomic', resourceRules: 'list=atomic' },
  V1SuccessPolicy: { rules: 'list=atomic' },
  V1TokenRequestSpec: { audiences: 'list=atomic' },
  V1TokenReviewSpec: { audiences: 'list=atomic' },
  V1TokenReviewStatus: { audiences: 'list=atomic' },
  V1TopologySelectorLabelRequirement: { values: 'list=atomic' },
  V1TopologySelectorTerm: { matchLabelExpressions: 'list=atomic' },
  V1TopologySpreadConstraint: { matchLabelKeys: 'list=atomic' },
  V1TypeChecking: { expressionWarnings: 'list=atomic' },
  V1UncountedTerminatedPods: { failed: 'list=set', succeeded: 'list=set' },
  V1UserInfo: { groups: 'list=atomic' },
  V1ValidatingAdmissionPolicyBindingSpec: { validationActions: 'list=set' },
  V1ValidatingAdmissionPolicySpec: {
    auditAnnotations: 'list=atomic',
    matchConditions: 'patch=merge/name list=map(name)',
    validations: 'list=atomic',
    variables: 'patch=merge/name list=map(name)',
  },
  V1ValidatingAdmissionPolicyStatus: { conditions: 'list=map(type)' },
  V1ValidatingWebhook: {
    admissionReviewVersions: 'list=atomic',
    matchConditions: 'patch=merge/name list=map(name)',
    rules: 'list=atomic',
  },
  V1ValidatingWebhookConfiguration: { webhooks: 'patch=merge/name list=map(name)' },
  V1WebhookConversion: { conversionReviewVersions: 'list=atomic' },
  V1alpha1MatchResources: { excludeResourceRules: 'list=atomic', resourceRules: 'list=atomic' },
  V1alpha1MutatingAdmissionPolicySpec: {
    matchConditions: 'patch=merge/name list=map(name)',
    mutations: 'list=atomic',
    variables: 'list=atomic',
  },
  V1alpha1NamedRuleWithOperations: {
    apiGroups: 'list=atomic',
    apiVersions: 'list=atomic',
    operations: 'list=atomic',
    resourceNames: 'list=atomic',
    resources: 'list=atomic',
  },
  V1alpha1ServerStorageVersion: { decodableVersions: 'list=set', servedVersions: 'list=set' },
  V1alpha1StorageVersionStatus: { conditions: 'list=map(type)', storageVersions: 'list=map(apiServerID)' },
  V1beta1AllocatedDeviceStatus: { conditions: 'list=map(type)' },
  V1beta1BasicDevice: {
    bindingConditions: 'list=atomic',
    bindingFailureConditions: 'list=atomic',
    consumesCounters: 'list=atomic',
    taints: 'list=atomic',
  },
  V1beta1CapacityRequestPolicy: { validValues: 'list=atomic' },
  V1beta1DeviceAllocationConfiguration: { requests: 'list=atomic' },
  V1beta1DeviceAllocationResult: { config: 'list=atomic', results: 'list=atomic' },
  V1beta1DeviceClaim: { config: 'list=atomic', constraints: 'list=atomic', requests: 'list=atomic' },
  V1beta1DeviceClaimConfiguration: { requests: 'list=atomic' },
  V1beta1DeviceClassSpec: { config: 'list=atomic', selectors: 'list=atomic' },
  V1beta1DeviceConstraint: { requests: 'list=atomic' },
  V1beta1DeviceRequest: { firstAvailable: 'list=atomic', selectors: 'list=atomic', tolerations: 'list=atomic' },
  V1beta1DeviceRequestAllocationResult: {
    bindingConditions: 'list=atomic',
    bindingFailureConditions: 'list=atomic',
    tolerations: 'list=atomic',
  },
  V1beta1DeviceSubRequest: { selectors: 'list=atomic', tolerations: 'list=atomic' },
  V1beta1MatchResources: { excludeResourceRules: 'list=atomic', resourceRules: 'list=atomic' },
  V1beta1MutatingAdmissionPolicySpec: {
    matchConditions: 'patch=merge/name list=map(name)',
    mutations: 'list=atomic',
    variables: 'list=atomic',
  },
  V1beta1NamedRuleWithOperations: {
    apiGroups: 'list=atomic',
    apiVersions: 'list=atomic',
    operations: 'list=atomic',
    resourceNames: 'list=atomic',
    resources: 'list=atomic',
  },
  V1beta1NetworkDeviceData: { ips: 'list=atomic' },
  V1beta1ResourceClaimStatus: {
    devices: 'list=map(driver,device,pool,shareID)',
    reservedFor: 'patch=merge/uid list=map(uid)',
  },
  V1beta1ResourceSliceSpec: { devices: 'list=atomic', sharedCounters: 'list=atomic' },
  V1beta1ServiceCIDRSpec: { cidrs: 'list=atomic' },
  V1beta1ServiceCIDRStatus: { conditions: 'patch=merge/type list=map(type)' },
  V1beta2AllocatedDeviceStatus: { conditions: 'list=map(type)' },
  V1beta2CapacityRequestPolicy: { validValues: 'list=atomic' },
  V1beta2Device: {
    bindingConditions: 'list=atomic',
    bindingFailureConditions: 'list=atomic',
    consumesCounters: 'list=atomic',
    taints: 'list=atomic',
  },
  V1beta2DeviceAllocationConfiguration: { requests: 'list=atomic' },
  V1beta2DeviceAllocationResult: { config: 'list=atomic', results: 'list=atomic' },
  V1beta2DeviceClaim: { config: 'list=atomic', constraints: 'list=atomic', requests: 'list=atomic' },
  V1beta2DeviceClaimConfiguration: { requests: 'list=atomic' },
  V1beta2DeviceClassSpec: { config: 'list=atomic', selectors: 'list=atomic' },
  V1beta2DeviceConstraint: { requests: 'list=atomic' },
  V1beta2DeviceRequest: { firstAvailable: 'list=atomic' },
  V1beta2DeviceRequestAllocationResult: {
    bindingConditions: 'list=atomic',
    bindingFailureConditions: 'list=atomic',
    tolerations: 'list=atomic',
  },
  V1beta2DeviceSubRequest: { selectors: 'list=atomic', tolerations: 'list=atomic' },
  V1beta2ExactDeviceRequest: { selectors: 'list=atomic', tolerations: 'list=atomic' },
  V1beta2NetworkDeviceData: { ips: 'list=atomic' },
  V1beta2ResourceClaimStatus: {
    devices: 'list=map(driver,device,pool,shareID)',
    reservedFor: 'patch=merge/uid list=map(uid)',
  },
  V1beta2ResourceSliceSpec: { devices: 'list=atomic', sharedCounters: 'list=atomic' },
  V2HPAScalingRules: { policies: 'list=atomic' },
  V2HorizontalPodAutoscalerSpec: { metrics: 'list=atomic' },
  V2HorizontalPodAutoscalerStatus: { conditions: 'patch=merge/type list=map(type)', currentMetrics: 'list=atomic' },
};
