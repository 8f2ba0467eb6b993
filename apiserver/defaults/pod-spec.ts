// Pod spec defaults, shared by Pod and every pod template (Deployment, ReplicaSet, StatefulSet, DaemonSet,
// Job, CronJob, ReplicationController, PodTemplate). Mirrors core/v1 SetDefaults_PodSpec, _Container,
// _ContainerPort, _Probe, _HTTPGetAction, _ObjectFieldSelector, _Volume and the volume sources, as
// zz_generated.defaults.go applies them to nested fields. Pod-only parts are in `defaultPod`.
import { defaultPersistentVolumeClaimSpec } from './persistent-volumes.js';
import { child, defaultString, defaultValue, field, items, specOf, type Fields } from './fields.js';

const DEFAULT_MODE = 0o644; // 420, as upstream's Secret/ConfigMap/DownwardAPI/Projected volume sources

/** The tag of an image reference as upstream's ParseImageName reads it: `latest` when neither tag nor digest. */
export function imageTag(image: string): string {
  if (image.includes('@')) {
    const name = image.slice(0, image.indexOf('@'));
    return tagOf(name);
  }
  return tagOf(image) || 'latest';
}

function tagOf(name: string): string {
  const lastSlash = name.lastIndexOf('/');
  const colon = name.indexOf(':', lastSlash + 1);
  return colon < 0 ? '' : name.slice(colon + 1);
}

function defaultHttpGet(handler: Fields | undefined): void {
  const httpGet = handler && field(handler, 'httpGet');
  if (!httpGet) return;
  defaultString(httpGet, 'path', '/');
  defaultString(httpGet, 'scheme', 'HTTP');
}

function defaultProbe(probe: Fields | undefined): void {
  if (!probe) return;
  defaultValue(probe, 'timeoutSeconds', 1);
  defaultValue(probe, 'periodSeconds', 10);
  defaultValue(probe, 'successThreshold', 1);
  defaultValue(probe, 'failureThreshold', 3);
  defaultHttpGet(probe);
  const grpc = field(probe, 'grpc');
  if (grpc) defaultValue(grpc, 'service', '');
}

function defaultFieldRef(holder: Fields): void {
  const fieldRef = field(holder, 'fieldRef');
  if (fieldRef) defaultString(fieldRef, 'apiVersion', 'v1');
}

/** What every kind of container shares: ports, env, probes, lifecycle handlers. */
function defaultContainerCommon(c: Fields): void {
  for (const port of items(c, 'ports')) defaultString(port, 'protocol', 'TCP');
  for (const env of items(c, 'env')) {
    const valueFrom = field(env, 'valueFrom');
    if (valueFrom) defaultFieldRef(valueFrom);
  }
  for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(field(c, probe));
  const lifecycle = field(c, 'lifecycle');
  if (lifecycle) for (const hook of ['postStart', 'preStop']) defaultHttpGet(field(lifecycle, hook));
}

/** SetDefaults_Container: pull policy from the tag, termination message path and policy. */
function defaultContainer(c: Fields): void {
  defaultContainerCommon(c);
  if (c['imagePullPolicy'] === undefined || c['imagePullPolicy'] === null || c['imagePullPolicy'] === '') {
    const image = typeof c['image'] === 'string' ? c['image'] : '';
    c['imagePullPolicy'] = image !== '' && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
  }
  defaultString(c, 'terminationMessagePath', '/dev/termination-log');
  defaultString(c, 'terminationMessagePolicy', 'File');
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];

/** SetDefaults_Volume and the sources' defaulters: a volume without a source is an emptyDir. */
function defaultVolume(v: Fields): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v['emptyDir'] = {};
  const hostPath = field(v, 'hostPath');
  if (hostPath) defaultValue(hostPath, 'type', '');
  for (const source of ['secret', 'configMap']) {
    const s = field(v, source);
    if (s) defaultValue(s, 'defaultMode', DEFAULT_MODE);
  }
  const downwardAPI = field(v, 'downwardAPI');
  if (downwardAPI) {
    defaultValue(downwardAPI, 'defaultMode', DEFAULT_MODE);
    for (const item of items(downwardAPI, 'items')) defaultFieldRef(item);
  }
  const projected = field(v, 'projected');
  if (projected) {
    defaultValue(projected, 'defaultMode', DEFAULT_MODE);
    for (const source of items(projected, 'sources')) {
      const projectedDownward = field(source, 'downwardAPI');
      for (const item of items(projectedDownward, 'items')) defaultFieldRef(item);
      const token = field(source, 'serviceAccountToken');
      if (token) defaultValue(token, 'expirationSeconds', 3600);
    }
  }
  const iscsi = field(v, 'iscsi');
  if (iscsi) defaultString(iscsi, 'iscsiInterface', 'default');
  const rbd = field(v, 'rbd');
  if (rbd) {
    defaultString(rbd, 'pool', 'rbd');
    defaultString(rbd, 'user', 'admin');
    defaultString(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const ephemeral = field(v, 'ephemeral');
  const claimTemplate = ephemeral && field(ephemeral, 'volumeClaimTemplate');
  if (claimTemplate) defaultPersistentVolumeClaimSpec(child(claimTemplate, 'spec'));
}

/** SetDefaults_PodSpec with its nested defaults. Shared by pods and pod templates. */
export function defaultPodSpec(spec: Fields): void {
  defaultString(spec, 'dnsPolicy', 'ClusterFirst');
  defaultString(spec, 'restartPolicy', 'Always');
  defaultValue(spec, 'securityContext', {});
  defaultValue(spec, 'terminationGracePeriodSeconds', 30);
  defaultString(spec, 'schedulerName', 'default-scheduler');
  for (const c of items(spec, 'initContainers')) defaultContainer(c);
  for (const c of items(spec, 'containers')) defaultContainer(c);
  for (const c of items(spec, 'ephemeralContainers')) defaultContainerCommon(c);
  for (const v of items(spec, 'volumes')) defaultVolume(v);
}

/** A pod template (`spec.template` of the workload kinds): the spec's defaults only. */
export function defaultPodTemplateSpec(template: Fields): void {
  defaultPodSpec(specOf(template));
}

/** Requests default to limits for resources with a limit and no request (SetDefaults_Pod; pods only). */
function defaultRequestsFromLimits(c: Fields): void {
  const resources = field(c, 'resources');
  const limits = resources && field(resources, 'limits');
  if (!resources || !limits) return;
  const requests = child(resources, 'requests');
  for (const [name, quantity] of Object.entries(limits)) if (!(name in requests)) requests[name] = quantity;
}

/** With hostNetwork, a container port's hostPort defaults to its containerPort (SetDefaults_Pod). */
function defaultHostNetworkPorts(c: Fields): void {
  for (const port of items(c, 'ports')) {
    if (port['hostPort'] === undefined || port['hostPort'] === null || port['hostPort'] === 0) port['hostPort'] = port['containerPort'];
  }
}

const NODE_TAINT_TOLERATIONS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/**
 * Mirrors the DefaultTolerationSeconds admission plugin: tolerate the not-ready and unreachable NoExecute
 * taints for 300 s unless an existing toleration already covers them (same or empty key, NoExecute or
 * empty effect).
 */
function defaultTolerations(spec: Fields): void {
  const existing = items(spec, 'tolerations');
  const covers = (key: string) =>
    existing.some((t) => (t['key'] === key || !t['key']) && (t['effect'] === 'NoExecute' || !t['effect']));
  const added = NODE_TAINT_TOLERATIONS.filter((key) => !covers(key)).map((key) => ({
    key,
    operator: 'Exists',
    effect: 'NoExecute',
    tolerationSeconds: 300,
  }));
  if (added.length === 0) return;
  spec['tolerations'] = [...(Array.isArray(spec['tolerations']) ? spec['tolerations'] : []), ...added];
}

/**
 * A Pod: the shared spec defaults plus SetDefaults_Pod (requests from limits, enableServiceLinks,
 * hostNetwork ports) and what admission adds to every new pod: DefaultTolerationSeconds, and the Priority
 * plugin's priority 0 / PreemptLowerPriority when no priority class is named (resolving a named class is
 * the Priority plugin's own work, not defaulting).
 */
export function defaultPod(obj: object, options: { create: boolean } = { create: true }): void {
  const spec = specOf(obj);
  defaultPodSpec(spec);
  const containers = [...items(spec, 'initContainers'), ...items(spec, 'containers')];
  for (const c of containers) defaultRequestsFromLimits(c);
  defaultValue(spec, 'enableServiceLinks', true);
  if (spec['hostNetwork'] === true) for (const c of containers) defaultHostNetworkPorts(c);
  if (!options.create) return; // what follows is admission, which only new pods go through
  defaultTolerations(spec);
  if (!spec['priorityClassName']) {
    defaultValue(spec, 'priority', 0);
    defaultString(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
}

/** PodTemplate: its `template`. */
export function defaultPodTemplate(obj: object): void {
  defaultPodTemplateSpec(child(obj as Fields, 'template'));
}
