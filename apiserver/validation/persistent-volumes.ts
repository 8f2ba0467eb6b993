// core/v1 PersistentVolumeClaim and PersistentVolume as upstream's ValidatePersistentVolumeClaimSpec and
// ValidatePersistentVolumeSpec check them: access modes, the storage request or capacity, class names,
// volume modes, reclaim policies and exactly one volume source.
import type { FieldError, KubeObject } from '../registry/types.js';
import { asArray, asObj, asString, forbidden, invalid, notSupported, required, type Obj } from './field-errors.js';
import { validateLabelSelector } from './label-selector.js';
import { nameProblems } from './names.js';
import { parseQuantity } from './quantity.js';

/** sets.List(supportedAccessModes), sets.List(supportedVolumeModes), sets.List(supportedReclaimPolicy). */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
const VOLUME_MODES = ['Block', 'Filesystem'] as const;
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'] as const;
/** PersistentVolumeSource fields, in the order ValidatePersistentVolumeSpec counts them. */
const PV_SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'glusterfs', 'flocker', 'nfs', 'rbd', 'quobyte', 'cephfs', 'iscsi',
  'cinder', 'fc', 'flexVolume', 'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'scaleIO',
  'local', 'storageos', 'csi',
] as const;

/** Access modes: each supported, ReadWriteOncePod alone. */
function validateAccessModes(modes: unknown[], path: string): FieldError[] {
  const errors: FieldError[] = [];
  let once = false;
  let others = false;
  for (const m of modes) {
    if (!(ACCESS_MODES as readonly unknown[]).includes(m)) errors.push(notSupported(path, m, ACCESS_MODES));
    else if (m === 'ReadWriteOncePod') once = true;
    else others = true;
  }
  if (once && others) errors.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errors;
}

const classNameErrors = (name: unknown, path: string) =>
  typeof name === 'string' && name ? nameProblems(name, 'subdomain').map((m) => invalid(path, name, m)) : [];

function volumeModeErrors(mode: unknown, path: string): FieldError[] {
  return mode === undefined || mode === null || (VOLUME_MODES as readonly unknown[]).includes(mode) ? [] : [notSupported(path, mode, VOLUME_MODES)];
}

/** ValidatePersistentVolumeClaimSpec under `path` (also StatefulSet claim templates). */
export function validateClaimSpec(spec: Obj, path: string): FieldError[] {
  const modes = asArray(spec.accessModes);
  const errors: FieldError[] = [];
  if (modes.length === 0) errors.push(required(`${path}.accessModes`, 'at least 1 access mode is required'));
  errors.push(...validateLabelSelector(spec.selector, `${path}.selector`));
  errors.push(...validateAccessModes(modes, `${path}.accessModes`));
  const requests = asObj(asObj(spec.resources)?.requests) ?? {};
  const storagePath = `${path}.resources[storage]`;
  if (!('storage' in requests)) errors.push(required(storagePath));
  else {
    const q = parseQuantity(requests.storage);
    if (!q.ok) errors.push(invalid(storagePath, requests.storage, q.message));
    else if (q.value <= 0) errors.push(invalid(storagePath, String(requests.storage).trim(), 'must be greater than zero'));
  }
  errors.push(...classNameErrors(spec.storageClassName, `${path}.storageClassName`));
  errors.push(...volumeModeErrors(spec.volumeMode, `${path}.volumeMode`));
  return errors;
}

export function validatePersistentVolumeClaim(obj: KubeObject): FieldError[] {
  return validateClaimSpec(asObj(obj.spec) ?? {}, 'spec');
}

export function validatePersistentVolume(obj: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const modes = asArray(spec.accessModes);
  const errors: FieldError[] = [];
  if (modes.length === 0) errors.push(required('spec.accessModes'));
  errors.push(...validateAccessModes(modes, 'spec.accessModes'));
  const capacity = asObj(spec.capacity) ?? {};
  const names = Object.keys(capacity);
  if (names.length === 0) errors.push(required('spec.capacity'));
  if (!names.includes('storage') || names.length > 1) errors.push(notSupported('spec.capacity', names.length ? capacity : null, ['storage']));
  for (const [name, raw] of Object.entries(capacity)) {
    const q = parseQuantity(raw);
    if (!q.ok) errors.push(invalid(`spec.capacity[${name}]`, raw, q.message));
    else if (q.value <= 0) errors.push(invalid(`spec.capacity[${name}]`, String(raw).trim(), 'must be greater than zero'));
  }
  const policy = spec.persistentVolumeReclaimPolicy;
  if (policy && !(RECLAIM_POLICIES as readonly unknown[]).includes(policy)) errors.push(notSupported('spec.persistentVolumeReclaimPolicy', policy, RECLAIM_POLICIES));
  const sources = PV_SOURCES.filter((s) => asObj(spec[s]));
  if (sources.length === 0) errors.push(required('spec', 'must specify a volume type'));
  for (const s of sources.slice(1)) errors.push(forbidden(`spec.${s}`, 'may not specify more than 1 volume type'));
  const hostPath = asObj(spec.hostPath);
  if (hostPath && !asString(hostPath.path)) errors.push(required('spec.hostPath.path'));
  if (asObj(spec.local) && !asObj(spec.nodeAffinity)) errors.push(required('spec.nodeAffinity', 'Local volume requires node affinity'));
  errors.push(...classNameErrors(spec.storageClassName, 'spec.storageClassName'));
  errors.push(...volumeModeErrors(spec.volumeMode, 'spec.volumeMode'));
  return errors;
}
