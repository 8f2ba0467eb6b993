// The user-facing ClusterRoles: cluster-admin, and admin/edit/view, which carry no rules of their own
// but aggregate them (aggregationRule) from ClusterRoles labelled aggregate-to-admin/edit/view: the
// system:aggregate-to-* roles below, and each other (view → edit → admin). Facts from upstream's
// bootstrappolicy/policy.go as rendered in testdata/cluster-roles.yaml; see kubernetes.io
// "Using RBAC Authorization", User-facing roles.
import type { ClusterRole } from '../types.js';
import { allow, clusterRole, LEGACY, READ, READ_WRITE, WRITE } from './builders.js';

const AGGREGATE_TO = (role: 'admin' | 'edit' | 'view'): Record<string, string> => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: 'true' });

export function userFacingClusterRoles(): ClusterRole[] {
  return [
    // A "root" role which can do absolutely anything.
    clusterRole('cluster-admin', [allow('*').groups('*').resources('*'), allow('*').urls('*')]),
    // A namespace-level admin: edit plus the power to grant permissions to other users.
    clusterRole('admin', [], { aggregateFrom: [AGGREGATE_TO('admin')] }),
    // A namespace-level editor: all user-level actions in a namespace, nothing that controls the
    // namespace itself (quota, limits, /status) and no RBAC.
    clusterRole('edit', [], { labels: AGGREGATE_TO('admin'), aggregateFrom: [AGGREGATE_TO('edit')] }),
    // Read-only access to non-escalating resources in a namespace (no secrets).
    clusterRole('view', [], { labels: AGGREGATE_TO('edit'), aggregateFrom: [AGGREGATE_TO('view')] }),
    clusterRole('system:aggregate-to-admin', aggregateToAdmin(), { labels: AGGREGATE_TO('admin') }),
    clusterRole('system:aggregate-to-edit', aggregateToEdit(), { labels: AGGREGATE_TO('edit') }),
    clusterRole('system:aggregate-to-view', aggregateToView(), { labels: AGGREGATE_TO('view') }),
  ];
}

function aggregateToAdmin() {
  return [
    allow('create').groups('authorization.k8s.io').resources('localsubjectaccessreviews'),
    allow(...READ_WRITE).groups('rbac.authorization.k8s.io').resources('roles', 'rolebindings'),
  ];
}

function aggregateToEdit() {
  return [
    // Allow read on escalating resources.
    allow(...READ).groups(LEGACY).resources('pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward', 'secrets', 'services/proxy'),
    allow('impersonate').groups(LEGACY).resources('serviceaccounts'),
    allow(...WRITE).groups(LEGACY).resources('pods', 'pods/attach', 'pods/proxy', 'pods/exec', 'pods/portforward'),
    allow('create').groups(LEGACY).resources('pods/eviction'),
    allow(...WRITE)
      .groups(LEGACY)
      .resources('replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/proxy', 'persistentvolumeclaims', 'configmaps', 'secrets', 'events'),
    allow('create').groups(LEGACY).resources('serviceaccounts/token'),
    allow(...WRITE)
      .groups('apps')
      .resources('statefulsets', 'statefulsets/scale', 'daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'replicasets', 'replicasets/scale'),
    allow(...WRITE).groups('autoscaling').resources('horizontalpodautoscalers'),
    allow(...WRITE).groups('batch').resources('jobs', 'cronjobs'),
    allow(...WRITE)
      .groups('extensions')
      .resources('daemonsets', 'deployments', 'deployments/scale', 'deployments/rollback', 'ingresses', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale', 'networkpolicies'),
    allow(...WRITE).groups('policy').resources('poddisruptionbudgets'),
    allow(...WRITE).groups('networking.k8s.io').resources('ingresses', 'networkpolicies'),
    allow(...READ_WRITE).groups('coordination.k8s.io').resources('leases'),
  ];
}

function aggregateToView() {
  return [
    allow(...READ)
      .groups(LEGACY)
      .resources(
        'pods',
        'replicationcontrollers',
        'replicationcontrollers/scale',
        'serviceaccounts',
        'services',
        'services/status',
        'endpoints',
        'persistentvolumeclaims',
        'persistentvolumeclaims/status',
        'configmaps',
      ),
    allow(...READ)
      .groups(LEGACY)
      .resources(
        'limitranges',
        'resourcequotas',
        'bindings',
        'events',
        'pods/status',
        'resourcequotas/status',
        'namespaces/status',
        'replicationcontrollers/status',
        'pods/log',
      ),
    // Read access to namespaces at the namespace scope means you can read *this* namespace.
    allow(...READ).groups(LEGACY).resources('namespaces'),
    allow(...READ).groups('discovery.k8s.io').resources('endpointslices'),
    allow(...READ)
      .groups('apps')
      .resources(
        'controllerrevisions',
        'statefulsets',
        'statefulsets/status',
        'statefulsets/scale',
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/status',
        'deployments/scale',
        'replicasets',
        'replicasets/status',
        'replicasets/scale',
      ),
    allow(...READ).groups('autoscaling').resources('horizontalpodautoscalers', 'horizontalpodautoscalers/status'),
    allow(...READ).groups('batch').resources('jobs', 'cronjobs', 'cronjobs/status', 'jobs/status'),
    allow(...READ)
      .groups('extensions')
      .resources(
        'daemonsets',
        'daemonsets/status',
        'deployments',
        'deployments/scale',
        'deployments/status',
        'ingresses',
        'ingresses/status',
        'replicasets',
        'replicasets/scale',
        'replicasets/status',
        'replicationcontrollers/scale',
        'networkpolicies',
      ),
    allow(...READ).groups('policy').resources('poddisruptionbudgets', 'poddisruptionbudgets/status'),
    allow(...READ).groups('networking.k8s.io').resources('ingresses', 'ingresses/status', 'networkpolicies'),
  ];
}
