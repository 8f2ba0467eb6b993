// The resources the built-in components address, for client.resource<T>(…) and informerFor(…).
import type { ResourceType } from './client.js';

const core = (plural: string, kind: string, namespaced = true): ResourceType => ({ group: '', version: 'v1', plural, kind, namespaced });

export const pods = core('pods', 'Pod');
export const nodes = core('nodes', 'Node', false);
export const namespaces = core('namespaces', 'Namespace', false);
export const services = core('services', 'Service');
export const endpoints = core('endpoints', 'Endpoints');
export const configMaps = core('configmaps', 'ConfigMap');
export const secrets = core('secrets', 'Secret');
export const serviceAccounts = core('serviceaccounts', 'ServiceAccount');
export const persistentVolumeClaims = core('persistentvolumeclaims', 'PersistentVolumeClaim');
export const persistentVolumes = core('persistentvolumes', 'PersistentVolume', false);
export const events = core('events', 'Event');
export const replicationControllers = core('replicationcontrollers', 'ReplicationController');

export const deployments: ResourceType = { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true };
export const replicaSets: ResourceType = { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true };
export const statefulSets: ResourceType = { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true };
export const daemonSets: ResourceType = { group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true };
export const jobs: ResourceType = { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true };
export const cronJobs: ResourceType = { group: 'batch', version: 'v1', plural: 'cronjobs', kind: 'CronJob', namespaced: true };
export const endpointSlices: ResourceType = { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', kind: 'EndpointSlice', namespaced: true };
export const leases: ResourceType = { group: 'coordination.k8s.io', version: 'v1', plural: 'leases', kind: 'Lease', namespaced: true };
