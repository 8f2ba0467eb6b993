// The system:controller:<name> ClusterRoles, one per controller k8ts runs, each bound to the
// ServiceAccount kube-system/<name> (the identity kube-controller-manager gives each controller with
// --use-service-account-credentials). Facts from upstream's bootstrappolicy/controller_policy.go as
// rendered in testdata/controller-roles.yaml and controller-role-bindings.yaml; only the controllers
// k8ts has or plans are listed.
import type { ClusterRole, ClusterRoleBinding } from '../types.js';
import { allow, clusterRole, clusterRoleBinding, eventsRule, LEGACY, READ, type RuleBuilder } from './builders.js';

export const CONTROLLER_ROLE_PREFIX = 'system:controller:';
const APPS_EXTENSIONS = ['apps', 'extensions'];

/** Rules per controller (the ServiceAccount name), in upstream's order. */
const CONTROLLER_RULES: Record<string, () => RuleBuilder[]> = {
  'certificate-controller': () => [
    allow('get', 'list', 'watch', 'delete').groups('certificates.k8s.io').resources('certificatesigningrequests'),
    allow('update').groups('certificates.k8s.io').resources('certificatesigningrequests/status', 'certificatesigningrequests/approval'),
    allow('approve').groups('certificates.k8s.io').resources('signers').names('kubernetes.io/kube-apiserver-client-kubelet'),
    allow('sign')
      .groups('certificates.k8s.io')
      .resources('signers')
      .names('kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown'),
    allow('create').groups('authorization.k8s.io').resources('subjectaccessreviews'),
    eventsRule(),
  ],
  'clusterrole-aggregation-controller': () => [
    // `escalate` lets it write rules it does not hold into the aggregating roles.
    allow('escalate', 'get', 'list', 'watch', 'update', 'patch').groups('rbac.authorization.k8s.io').resources('clusterroles'),
  ],
  'cronjob-controller': () => [
    allow('get', 'list', 'watch', 'update').groups('batch').resources('cronjobs'),
    allow('get', 'list', 'watch', 'create', 'update', 'delete', 'patch').groups('batch').resources('jobs'),
    allow('update').groups('batch').resources('cronjobs/status'),
    allow('update').groups('batch').resources('cronjobs/finalizers'),
    allow('list', 'watch', 'delete').groups(LEGACY).resources('pods'),
    eventsRule(),
  ],
  'daemon-set-controller': () => [
    allow(...READ).groups(...APPS_EXTENSIONS).resources('daemonsets'),
    allow('update').groups(...APPS_EXTENSIONS).resources('daemonsets/status'),
    allow('update').groups(...APPS_EXTENSIONS).resources('daemonsets/finalizers'),
    allow('list', 'watch').groups(LEGACY).resources('nodes'),
    allow('list', 'watch', 'create', 'delete', 'patch').groups(LEGACY).resources('pods'),
    allow('create').groups(LEGACY).resources('pods/binding'),
    allow('get', 'list', 'watch', 'create', 'delete', 'update', 'patch').groups('apps').resources('controllerrevisions'),
    eventsRule(),
  ],
  'deployment-controller': () => [
    allow('get', 'list', 'watch', 'update').groups(...APPS_EXTENSIONS).resources('deployments'),
    allow('update').groups(...APPS_EXTENSIONS).resources('deployments/status'),
    allow('update').groups(...APPS_EXTENSIONS).resources('deployments/finalizers'),
    allow('get', 'list', 'watch', 'create', 'update', 'patch', 'delete').groups(...APPS_EXTENSIONS).resources('replicasets'),
    // Pods are only listed and updated to remove them from the old ReplicaSet's selector.
    allow('get', 'list', 'watch', 'update').groups(LEGACY).resources('pods'),
    eventsRule(),
  ],
  'disruption-controller': () => [
    allow(...READ).groups(...APPS_EXTENSIONS).resources('deployments'),
    allow(...READ).groups(...APPS_EXTENSIONS).resources('replicasets'),
    allow(...READ).groups(LEGACY).resources('replicationcontrollers'),
    allow(...READ).groups('policy').resources('poddisruptionbudgets'),
    allow(...READ).groups('apps').resources('statefulsets'),
    allow('update').groups('policy').resources('poddisruptionbudgets/status'),
    allow('patch', 'update').groups(LEGACY).resources('pods/status'),
    allow('get').groups('*').resources('*/scale'),
    eventsRule(),
  ],
  'endpoint-controller': () => [
    allow(...READ).groups(LEGACY).resources('services', 'pods'),
    allow('get', 'list', 'watch', 'create', 'update', 'delete').groups(LEGACY).resources('endpoints'),
    allow('create').groups(LEGACY).resources('endpoints/restricted'),
    eventsRule(),
  ],
  'endpointslice-controller': () => [
    allow(...READ).groups(LEGACY).resources('services', 'pods', 'nodes'),
    // Owner references with blockOwnerDeletion on services need update of services/finalizers.
    allow('update').groups(LEGACY).resources('services/finalizers'),
    allow('get', 'list', 'watch', 'create', 'update', 'delete').groups('discovery.k8s.io').resources('endpointslices'),
    eventsRule(),
  ],
  'endpointslicemirroring-controller': () => [
    allow(...READ).groups(LEGACY).resources('services', 'endpoints'),
    allow('update').groups(LEGACY).resources('services/finalizers'),
    allow('update').groups(LEGACY).resources('endpoints/finalizers'),
    allow('get', 'list', 'watch', 'create', 'update', 'delete').groups('discovery.k8s.io').resources('endpointslices'),
    eventsRule(),
  ],
  'generic-garbage-collector': () => [allow('get', 'list', 'watch', 'patch', 'update', 'delete').groups('*').resources('*'), eventsRule()],
  'horizontal-pod-autoscaler': () => [
    allow(...READ).groups('autoscaling').resources('horizontalpodautoscalers'),
    allow('update').groups('autoscaling').resources('horizontalpodautoscalers/status'),
    allow('get', 'update').groups('*').resources('*/scale'),
    allow('list', 'watch').groups(LEGACY).resources('pods'),
    allow('list', 'watch').groups('metrics.k8s.io').resources('pods'),
    allow(...READ).groups('custom.metrics.k8s.io').resources('*'),
    allow(...READ).groups('external.metrics.k8s.io').resources('*'),
    eventsRule(),
  ],
  'job-controller': () => [
    allow('get', 'list', 'watch', 'update', 'patch').groups('batch').resources('jobs'),
    allow('update').groups('batch').resources('jobs/status'),
    allow('update').groups('batch').resources('jobs/finalizers'),
    allow('list', 'watch', 'create', 'delete', 'patch').groups(LEGACY).resources('pods'),
    eventsRule(),
  ],
  'namespace-controller': () => [
    allow('get', 'list', 'watch', 'delete').groups(LEGACY).resources('namespaces'),
    allow('update').groups(LEGACY).resources('namespaces/finalize', 'namespaces/status'),
    allow('get', 'list', 'watch', 'delete', 'deletecollection').groups('*').resources('*'),
  ],
  'node-controller': () => [
    allow('get', 'list', 'watch', 'update', 'delete', 'patch').groups(LEGACY).resources('nodes'),
    allow('patch', 'update').groups(LEGACY).resources('nodes/status'),
    // Marking pods not ready, and evicting them.
    allow('patch', 'update').groups(LEGACY).resources('pods/status'),
    allow('list', 'watch', 'get', 'delete').groups(LEGACY).resources('pods'),
    eventsRule(),
  ],
  'persistent-volume-binder': () => [
    allow('get', 'list', 'watch', 'update', 'create', 'delete').groups(LEGACY).resources('persistentvolumes'),
    allow('update').groups(LEGACY).resources('persistentvolumes/status'),
    allow(...READ, 'update').groups(LEGACY).resources('persistentvolumeclaims'),
    allow('update').groups(LEGACY).resources('persistentvolumeclaims/status'),
    allow('list', 'watch', 'get', 'create', 'delete').groups(LEGACY).resources('pods'),
    allow(...READ).groups('storage.k8s.io').resources('storageclasses'),
    allow('list', 'watch').groups(LEGACY).resources('nodes'),
    eventsRule(),
    allow('watch').groups(LEGACY).resources('events'),
  ],
  'pod-garbage-collector': () => [
    allow('list', 'watch', 'delete').groups(LEGACY).resources('pods'),
    allow(...READ).groups(LEGACY).resources('nodes'),
    allow('patch').groups(LEGACY).resources('pods/status'),
  ],
  'pv-protection-controller': () => [allow('get', 'list', 'watch', 'update').groups(LEGACY).resources('persistentvolumes'), eventsRule()],
  'pvc-protection-controller': () => [
    allow('get', 'list', 'watch', 'update').groups(LEGACY).resources('persistentvolumeclaims'),
    allow('update').groups(LEGACY).resources('persistentvolumeclaims/status'),
    allow(...READ).groups(LEGACY).resources('pods'),
    eventsRule(),
  ],
  'replicaset-controller': () => [
    allow('get', 'list', 'watch', 'update').groups(...APPS_EXTENSIONS).resources('replicasets'),
    allow('update').groups(...APPS_EXTENSIONS).resources('replicasets/status'),
    allow('update').groups(...APPS_EXTENSIONS).resources('replicasets/finalizers'),
    allow('list', 'watch', 'patch', 'create', 'delete').groups(LEGACY).resources('pods'),
    eventsRule(),
  ],
  'replication-controller': () => [
    allow('get', 'list', 'watch', 'update').groups(LEGACY).resources('replicationcontrollers'),
    allow('update').groups(LEGACY).resources('replicationcontrollers/status'),
    allow('update').groups(LEGACY).resources('replicationcontrollers/finalizers'),
    allow('list', 'watch', 'patch', 'create', 'delete').groups(LEGACY).resources('pods'),
    eventsRule(),
  ],
  'resourcequota-controller': () => [
    // Quota can count quota on anything for reconciliation, so it needs full viewing rights.
    allow('list', 'watch').groups('*').resources('*'),
    allow('update').groups(LEGACY).resources('resourcequotas/status'),
    eventsRule(),
  ],
  'root-ca-cert-publisher': () => [allow('create', 'update').groups(LEGACY).resources('configmaps'), eventsRule()],
  'service-account-controller': () => [allow('create').groups(LEGACY).resources('serviceaccounts'), eventsRule()],
  'statefulset-controller': () => [
    allow('list', 'watch').groups(LEGACY).resources('pods'),
    allow(...READ).groups('apps').resources('statefulsets'),
    allow('update').groups('apps').resources('statefulsets/status'),
    allow('update').groups('apps').resources('statefulsets/finalizers'),
    allow('get', 'create', 'delete', 'update', 'patch').groups(LEGACY).resources('pods'),
    allow('get', 'list', 'watch', 'create', 'delete', 'update', 'patch').groups('apps').resources('controllerrevisions'),
    allow('get', 'create', 'list', 'watch').groups(LEGACY).resources('persistentvolumeclaims'),
    allow('update', 'delete').groups(LEGACY).resources('persistentvolumeclaims'),
    allow('update').groups(LEGACY).resources('pods/finalizers'),
    eventsRule(),
  ],
  'ttl-after-finished-controller': () => [allow('get', 'list', 'watch', 'delete').groups('batch').resources('jobs'), eventsRule()],
  'ttl-controller': () => [allow('update', 'patch', 'list', 'watch').groups(LEGACY).resources('nodes'), eventsRule()],
};

/** The controllers' ServiceAccount names (kube-system), sorted. */
export function controllerNames(): string[] {
  return Object.keys(CONTROLLER_RULES).sort();
}

export function controllerClusterRoles(): ClusterRole[] {
  return controllerNames().map((name) => clusterRole(`${CONTROLLER_ROLE_PREFIX}${name}`, CONTROLLER_RULES[name]!()));
}

export function controllerClusterRoleBindings(): ClusterRoleBinding[] {
  return controllerNames().map((name) => clusterRoleBinding(`${CONTROLLER_ROLE_PREFIX}${name}`, [{ kind: 'ServiceAccount', name, namespace: 'kube-system' }]));
}
