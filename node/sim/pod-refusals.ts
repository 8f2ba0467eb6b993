// What a real kubelet refuses before a container can start, with upstream's messages:
// - a volume whose source is missing (the volume manager's FailedMount: the pod stays ContainerCreating);
// - a claim a container mounts that does not exist or is not bound yet (the volume manager's pod-level
//   FailedMount, `Unable to attach or mount volumes: ...`: the pod stays ContainerCreating);
// - a container whose environment names a ConfigMap, Secret or key that does not exist
//   (CreateContainerConfigError, from kubelet_pods.go makeEnvironmentVariables);
// - an image reference the runtime cannot parse (InvalidImageName).
// Pure: the world (which ConfigMaps, Secrets, claims and ServiceAccounts exist) is given.
import { invalidImageMessage, parseImage } from './image-reference.js';
import type { Container, KeyToPath, Pod } from './types.js';

/** What exists in the pod's namespace, as far as the pod references it. */
export interface PodWorld {
  /** ConfigMap name → its keys (data and binaryData; `*` when unknown); absent names do not exist. */
  configMaps: Map<string, Set<string>>;
  /** Secret name → its keys. */
  secrets: Map<string, Set<string>>;
  /** False when the pod's ServiceAccount does not exist (its token cannot be fetched). */
  serviceAccountExists: boolean;
  /** PersistentVolumeClaim name → what the kubelet reads of it; absent names do not exist. */
  claims: Map<string, ClaimState>;
}

export interface ClaimState {
  phase?: string;
  volumeName?: string;
  deleting?: boolean;
}

export interface VolumeProblem {
  volume: string;
  /** The FailedMount event's message. */
  message: string;
}

export interface ContainerProblem {
  reason: 'CreateContainerConfigError' | 'InvalidImageName';
  message: string;
}

/** Every volume that cannot be set up, in spec order (mirrors the configmap/secret/projected volume plugins). */
export function volumeProblems(pod: Pod, world: PodWorld): VolumeProblem[] {
  const problems: VolumeProblem[] = [];
  for (const v of pod.spec.volumes ?? []) {
    const errors: string[] = [];
    if (v.configMap) errors.push(...sourceErrors('configmap', v.configMap.name ?? '', v.configMap, world.configMaps));
    if (v.secret) errors.push(...sourceErrors('secret', v.secret.secretName ?? '', v.secret, world.secrets));
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap) errors.push(...sourceErrors('configmap', s.configMap.name ?? '', s.configMap, world.configMaps));
      if (s.secret) errors.push(...sourceErrors('secret', s.secret.name ?? '', s.secret, world.secrets));
      if (s.serviceAccountToken && !world.serviceAccountExists) {
        errors.push(`failed to fetch token: serviceaccounts "${pod.spec.serviceAccountName ?? 'default'}" not found`);
      }
    }
    if (errors.length) problems.push({ volume: v.name, message: `MountVolume.SetUp failed for volume "${v.name}" : ${errors[0]}` });
  }
  return problems;
}

/**
 * The pod-level FailedMount message while a claim a container mounts cannot be used, or undefined.
 * Mirrors the volume manager: the desired-state populator fails a claim that is missing, being
 * deleted or not bound (desired_state_of_world_populator.go getPVCExtractPV, `error processing PVC
 * <ns>/<claim>: ...`), and WaitForAttachAndMount reports the pod's unmounted volumes, the unattached
 * ones (none: nothing here attaches) and those that failed processing (volume_manager.go), each list
 * sorted, the errors sorted and joined with "; ". A volume no container mounts is ignored, as upstream.
 */
export function claimMountProblem(pod: Pod, world: PodWorld): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const used = mountedVolumeNames(pod);
  const failed: string[] = [];
  const errors = new Set<string>();
  for (const v of pod.spec.volumes ?? []) {
    const claim = v.persistentVolumeClaim?.claimName;
    if (claim === undefined || !used.has(v.name)) continue;
    const error = claimError(claim, world.claims.get(claim));
    if (!error) continue;
    failed.push(v.name);
    errors.add(`error processing PVC ${ns}/${claim}: ${error}`);
  }
  if (failed.length === 0) return undefined;
  const unmounted = new Set([...failed, ...volumeProblems(pod, world).map((p) => p.volume).filter((v) => used.has(v))]);
  const list = (names: Iterable<string>) => `[${[...names].sort().join(' ')}]`;
  return `Unable to attach or mount volumes: unmounted volumes=${list(unmounted)}, unattached volumes=[], failed to process volumes=${list(failed)}: ${[...errors].sort().join('; ')}`;
}

/** getPVCExtractPV's refusals, in its order. */
function claimError(name: string, claim: ClaimState | undefined): string | undefined {
  if (!claim) return `failed to fetch PVC from API server: persistentvolumeclaims "${name}" not found`;
  if (claim.deleting) return 'PVC is being deleted';
  if (claim.phase !== 'Bound') return 'PVC is not bound';
  if (!claim.volumeName) return 'PVC has empty pvc.Spec.VolumeName';
  return undefined;
}

/** util.GetPodVolumeNames: the volumes some container (init and sidecar included) mounts or uses as a device. */
function mountedVolumeNames(pod: Pod): Set<string> {
  const names = new Set<string>();
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const m of c.volumeMounts ?? []) names.add(m.name);
    for (const d of c.volumeDevices ?? []) names.add(d.name);
  }
  return names;
}

function sourceErrors(kind: 'configmap' | 'secret', name: string, src: { optional?: boolean; items?: KeyToPath[] }, present: Map<string, Set<string>>): string[] {
  const keys = present.get(name);
  if (!keys) return src.optional ? [] : [`${kind} "${name}" not found`];
  for (const item of src.items ?? []) {
    if (!hasKey(keys, item.key) && !src.optional) return [`${kind} references non-existent ${kind === 'configmap' ? 'config' : 'secret'} key: ${item.key}`];
  }
  return [];
}

/** Why the runtime would not create `c`, or undefined. The image is checked first, as the kubelet pulls before it builds the config. */
export function containerProblem(pod: Pod, c: Container, world: PodWorld): ContainerProblem | undefined {
  if (!c.image || !parseImage(c.image)) return { reason: 'InvalidImageName', message: invalidImageMessage(c.image ?? '') };
  const ns = pod.metadata.namespace ?? 'default';
  for (const from of c.envFrom ?? []) {
    if (from.configMapRef && !from.configMapRef.optional && !world.configMaps.has(from.configMapRef.name ?? '')) return configError(`configmap "${from.configMapRef.name}" not found`);
    if (from.secretRef && !from.secretRef.optional && !world.secrets.has(from.secretRef.name ?? '')) return configError(`secret "${from.secretRef.name}" not found`);
  }
  for (const e of c.env ?? []) {
    const cm = e.valueFrom?.configMapKeyRef;
    if (cm) {
      const keys = world.configMaps.get(cm.name ?? '');
      if (!keys && !cm.optional) return configError(`configmap "${cm.name}" not found`);
      if (keys && !hasKey(keys, cm.key) && !cm.optional) return configError(`couldn't find key ${cm.key} in ConfigMap ${ns}/${cm.name}`);
    }
    const secret = e.valueFrom?.secretKeyRef;
    if (secret) {
      const keys = world.secrets.get(secret.name ?? '');
      if (!keys && !secret.optional) return configError(`secret "${secret.name}" not found`);
      if (keys && !hasKey(keys, secret.key) && !secret.optional) return configError(`couldn't find key ${secret.key} in Secret ${ns}/${secret.name}`);
    }
  }
  return undefined;
}

const hasKey = (keys: Set<string>, key: string) => keys.has(key) || keys.has('*');
const configError = (message: string): ContainerProblem => ({ reason: 'CreateContainerConfigError', message });

/** The ConfigMaps, Secrets and claims a pod references (volumes and environment), for the shell to fetch. */
export function referencedObjects(pod: Pod): { configMaps: Set<string>; secrets: Set<string>; claims: Set<string> } {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  const claims = new Set<string>();
  for (const v of pod.spec.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) claims.add(v.persistentVolumeClaim.claimName);
    if (v.configMap?.name) configMaps.add(v.configMap.name);
    if (v.secret?.secretName) secrets.add(v.secret.secretName);
    for (const s of v.projected?.sources ?? []) {
      if (s.configMap?.name) configMaps.add(s.configMap.name);
      if (s.secret?.name) secrets.add(s.secret.name);
    }
  }
  for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
    for (const f of c.envFrom ?? []) {
      if (f.configMapRef?.name) configMaps.add(f.configMapRef.name);
      if (f.secretRef?.name) secrets.add(f.secretRef.name);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) configMaps.add(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) secrets.add(e.valueFrom.secretKeyRef.name);
    }
  }
  return { configMaps, secrets, claims };
}

/** True when the pod mounts a ServiceAccount token (so a missing ServiceAccount matters). */
export function mountsServiceAccountToken(pod: Pod): boolean {
  return (pod.spec.volumes ?? []).some((v) => (v.projected?.sources ?? []).some((s) => s.serviceAccountToken));
}
