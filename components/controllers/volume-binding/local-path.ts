// k3s's local-path storage: the class k3s deploys (manifests/local-storage.yaml) and the volume
// rancher/local-path-provisioner makes for a claim: a hostPath directory
// `<dataDir>/storage/pvc-<uid>_<namespace>_<name>` (DirectoryOrCreate, so the kubelet makes it) pinned to
// the node of the claim's first consumer.
import { ANN_DEFAULT_CLASS, ANN_LOCAL_PATH_SELECTED_NODE, ANN_PROVISIONED_BY, LABEL_HOSTNAME, LOCAL_PATH_CLASS, LOCAL_PATH_PROVISIONER, type PersistentVolume, type PersistentVolumeClaim, type StorageClass } from './volume-types.js';

export const DEFAULT_DATA_DIR = '/var/lib/k8ts';

/** The `local-path` class: default, WaitForFirstConsumer, reclaim Delete. */
export function localPathStorageClass(): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: LOCAL_PATH_CLASS, annotations: { [ANN_DEFAULT_CLASS]: 'true' } },
    provisioner: LOCAL_PATH_PROVISIONER,
    volumeBindingMode: 'WaitForFirstConsumer',
    reclaimPolicy: 'Delete',
  };
}

/** Volumes of this class are made here (the provisioner named by the class is ours). */
export const isLocalPathClass = (sc: StorageClass | undefined): boolean => sc?.provisioner === LOCAL_PATH_PROVISIONER;

/** The name of the volume provisioned for a claim: `pvc-<claim uid>` (external-provisioner's default). */
export const provisionedVolumeName = (claim: PersistentVolumeClaim): string => `pvc-${claim.metadata.uid}`;

export interface ProvisionOptions {
  node: string;
  dataDir: string;
  /** The claim's class (its name may have come from the default). */
  storageClass: StorageClass;
}

/**
 * The volume local-path-provisioner creates for `claim` on `node`: capacity the claim's request,
 * its access modes and volume mode, the class's reclaim policy, pre-bound to the claim (claimRef with
 * uid and resourceVersion, as sig-storage-lib-external-provisioner), required node affinity on
 * kubernetes.io/hostname.
 */
export function provisionedVolume(claim: PersistentVolumeClaim, o: ProvisionOptions): PersistentVolume {
  const name = provisionedVolumeName(claim);
  const { namespace, name: claimName, uid, resourceVersion } = claim.metadata;
  const dataDir = o.dataDir.replace(/\/+$/, '');
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name,
      annotations: { [ANN_PROVISIONED_BY]: LOCAL_PATH_PROVISIONER, [ANN_LOCAL_PATH_SELECTED_NODE]: o.node },
    },
    spec: {
      capacity: { storage: claim.spec.resources?.requests?.['storage'] ?? '0' },
      accessModes: [...(claim.spec.accessModes ?? [])],
      persistentVolumeReclaimPolicy: o.storageClass.reclaimPolicy ?? 'Delete',
      storageClassName: o.storageClass.metadata.name!,
      volumeMode: claim.spec.volumeMode ?? 'Filesystem',
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace, name: claimName, uid, resourceVersion },
      hostPath: { path: `${dataDir}/storage/${name}_${namespace}_${claimName}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: LABEL_HOSTNAME, operator: 'In', values: [o.node] }] }] } },
    },
  };
}
