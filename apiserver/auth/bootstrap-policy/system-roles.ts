// The system:* ClusterRoles of upstream's bootstrap policy (components, nodes, discovery,
// certificates). Facts from plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go as rendered in
// testdata/cluster-roles.yaml (feature-gated roles and rules, and system:heapster, left out).
import type { ClusterRole } from '../types.js';
import { allow, clusterRole, eventsRule, LEGACY, READ } from './builders.js';

const CERTIFICATES = 'certificates.k8s.io';
const STORAGE = 'storage.k8s.io';
const COORDINATION = 'coordination.k8s.io';

export function systemClusterRoles(): ClusterRole[] {
  return [
    // Just enough power to discover API versions for negotiation; bound to authenticated users.
    clusterRole('system:discovery', [
      allow('get').urls('/livez', '/readyz', '/healthz', '/version', '/version/', '/openapi', '/openapi/*', '/api', '/api/*', '/apis', '/apis/*'),
    ]),
    // Health and version, for anyone (also unauthenticated).
    clusterRole('system:public-info-viewer', [allow('get').urls('/livez', '/readyz', '/healthz', '/version', '/version/')]),
    // Minimal access for a user to learn about themselves.
    clusterRole('system:basic-user', [
      allow('create').groups('authorization.k8s.io').resources('selfsubjectaccessreviews', 'selfsubjectrulesreviews'),
      allow('create').groups('authentication.k8s.io').resources('selfsubjectreviews'),
    ]),
    // Health and metrics endpoints, for monitoring agents.
    clusterRole('system:monitoring', [
      allow('get').urls('/metrics', '/metrics/slis', '/livez', '/readyz', '/healthz', '/livez/*', '/readyz/*', '/healthz/*'),
    ]),
    clusterRole('system:auth-delegator', [
      allow('create').groups('authentication.k8s.io').resources('tokenreviews'),
      allow('create').groups('authorization.k8s.io').resources('subjectaccessreviews'),
    ]),
    clusterRole('system:kube-aggregator', [allow(...READ).groups(LEGACY).resources('services', 'endpoints')]),
    clusterRole('system:kube-controller-manager', kubeControllerManager()),
    clusterRole('system:kube-dns', [allow('list', 'watch').groups(LEGACY).resources('endpoints', 'services')]),
    clusterRole('system:kube-scheduler', kubeScheduler()),
    clusterRole('system:volume-scheduler', [
      allow(...READ, 'patch', 'update').groups(LEGACY).resources('persistentvolumes'),
      allow(...READ).groups(STORAGE).resources('storageclasses'),
      allow(...READ, 'patch', 'update').groups(LEGACY).resources('persistentvolumeclaims'),
    ]),
    clusterRole('system:kubelet-api-admin', [
      allow(...READ).groups(LEGACY).resources('nodes'),
      allow('proxy').groups(LEGACY).resources('nodes'),
      allow('*').groups(LEGACY).resources('nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log'),
    ]),
    clusterRole('system:node', node()),
    clusterRole('system:node-bootstrapper', [allow('create', 'get', 'list', 'watch').groups(CERTIFICATES).resources('certificatesigningrequests')]),
    clusterRole('system:node-problem-detector', [
      allow('get').groups(LEGACY).resources('nodes'),
      allow('patch').groups(LEGACY).resources('nodes/status'),
      eventsRule(),
    ]),
    clusterRole('system:node-proxier', [
      allow('list', 'watch').groups(LEGACY).resources('services', 'endpoints'),
      allow(...READ).groups(LEGACY).resources('nodes'),
      eventsRule(),
      allow('list', 'watch').groups('discovery.k8s.io').resources('endpointslices'),
    ]),
    clusterRole('system:persistent-volume-provisioner', [
      allow('get', 'list', 'watch', 'create', 'delete').groups(LEGACY).resources('persistentvolumes'),
      allow('get', 'list', 'watch', 'update').groups(LEGACY).resources('persistentvolumeclaims'),
      allow(...READ).groups(STORAGE).resources('storageclasses'),
      allow('watch').groups(LEGACY).resources('events'),
      eventsRule(),
    ]),
    clusterRole('system:service-account-issuer-discovery', [allow('get').urls('/.well-known/openid-configuration', '/openid/v1/jwks')]),
    // Kubelet client certificates: requesting one for any node, or for oneself.
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
      allow('create').groups(CERTIFICATES).resources('certificatesigningrequests/nodeclient'),
    ]),
    clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
      allow('create').groups(CERTIFICATES).resources('certificatesigningrequests/selfnodeclient'),
    ]),
    ...['kube-apiserver-client', 'kube-apiserver-client-kubelet', 'kubelet-serving', 'legacy-unknown'].map((signer) =>
      clusterRole(`system:certificates.k8s.io:${signer}-approver`, [
        allow('approve').groups(CERTIFICATES).resources('signers').names(`kubernetes.io/${signer}`),
      ]),
    ),
  ];
}

function kubeControllerManager() {
  return [
    eventsRule(),
    // Leader election.
    allow('create').groups(COORDINATION).resources('leases'),
    allow('get', 'update').groups(COORDINATION).resources('leases').names('kube-controller-manager'),
    // Creating the service accounts and secrets that give each controller its own identity.
    allow('create').groups(LEGACY).resources('secrets', 'serviceaccounts'),
    allow('delete').groups(LEGACY).resources('secrets'),
    allow('get').groups(LEGACY).resources('configmaps', 'namespaces', 'secrets', 'serviceaccounts'),
    allow('update').groups(LEGACY).resources('secrets', 'serviceaccounts'),
    // Delegated authentication and authorization.
    allow('create').groups('authentication.k8s.io').resources('tokenreviews'),
    allow('create').groups('authorization.k8s.io').resources('subjectaccessreviews'),
    // The shared informers.
    allow('list', 'watch').groups('*').resources('*'),
    allow('create').groups(LEGACY).resources('serviceaccounts/token'),
  ];
}

function kubeScheduler() {
  return [
    eventsRule(),
    // Leader election.
    allow('create').groups(COORDINATION).resources('leases'),
    allow('get', 'update').groups(COORDINATION).resources('leases').names('kube-scheduler'),
    allow(...READ).groups(LEGACY).resources('nodes'),
    allow(...READ, 'delete').groups(LEGACY).resources('pods'),
    allow('create').groups(LEGACY).resources('pods/binding', 'bindings'),
    allow('patch', 'update').groups(LEGACY).resources('pods/status'),
    allow(...READ).groups(LEGACY).resources('replicationcontrollers', 'services'),
    allow(...READ).groups('apps', 'extensions').resources('replicasets'),
    allow(...READ).groups('apps').resources('statefulsets'),
    allow(...READ).groups('policy').resources('poddisruptionbudgets'),
    allow(...READ).groups(LEGACY).resources('persistentvolumeclaims', 'persistentvolumes'),
    // Delegated authentication and authorization.
    allow('create').groups('authentication.k8s.io').resources('tokenreviews'),
    allow('create').groups('authorization.k8s.io').resources('subjectaccessreviews'),
    allow(...READ).groups(STORAGE).resources('csinodes'),
    allow(...READ).groups(LEGACY).resources('namespaces'),
    allow(...READ).groups(STORAGE).resources('csidrivers'),
    allow(...READ).groups(STORAGE).resources('csistoragecapacities'),
  ];
}

function node() {
  return [
    // Checking API access; these creates do not mutate.
    allow('create').groups('authentication.k8s.io').resources('tokenreviews'),
    allow('create').groups('authorization.k8s.io').resources('subjectaccessreviews', 'localsubjectaccessreviews'),
    // The service lister, for service environment variables.
    allow(...READ).groups(LEGACY).resources('services'),
    // Registering itself, and its status.
    allow('create', 'get', 'list', 'watch').groups(LEGACY).resources('nodes'),
    allow('update', 'patch').groups(LEGACY).resources('nodes/status'),
    allow('update', 'patch').groups(LEGACY).resources('nodes'),
    allow('create', 'update', 'patch').groups(LEGACY).resources('events'),
    allow(...READ).groups(LEGACY).resources('pods'),
    // Mirror pods.
    allow('create', 'delete').groups(LEGACY).resources('pods'),
    allow('update', 'patch').groups(LEGACY).resources('pods/status'),
    allow('create').groups(LEGACY).resources('pods/eviction'),
    // Secrets and config maps of its pods (the Node authorizer narrows these).
    allow(...READ).groups(LEGACY).resources('secrets', 'configmaps'),
    allow('get').groups(LEGACY).resources('persistentvolumeclaims', 'persistentvolumes'),
    allow('get').groups(LEGACY).resources('endpoints'),
    allow('create', 'get', 'list', 'watch').groups(CERTIFICATES).resources('certificatesigningrequests'),
    allow('delete', 'create', 'update', 'patch', 'get').groups(COORDINATION).resources('leases'),
    allow('get').groups(STORAGE).resources('volumeattachments'),
    allow('create').groups(LEGACY).resources('serviceaccounts/token'),
    allow('get', 'update', 'patch').groups(LEGACY).resources('persistentvolumeclaims/status'),
    allow(...READ).groups(STORAGE).resources('csidrivers'),
    allow('create', 'delete', 'get', 'patch', 'update').groups(STORAGE).resources('csinodes'),
    allow(...READ).groups('node.k8s.io').resources('runtimeclasses'),
  ];
}
