// The slice of core/v1 PersistentVolume, PersistentVolumeClaim and storage.k8s.io/v1 StorageClass the
// binder reads and writes, as plain objects straight off the wire, and the annotations it uses
// (upstream's names, from pkg/controller/volume/persistentvolume/util and local-path-provisioner).
import type { KubeObject, ResourceType } from '../../client/client.js';
import type { LabelSelectorJSON, Meta } from '../support/api-types.js';

export const storageClassesType: ResourceType = { group: 'storage.k8s.io', version: 'v1', plural: 'storageclasses', kind: 'StorageClass', namespaced: false };

/** The provisioner and name of k3s's class. */
export const LOCAL_PATH_PROVISIONER = 'rancher.io/local-path';
export const LOCAL_PATH_CLASS = 'local-path';

export const ANN_DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
export const ANN_BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
/** local-path-provisioner records the node a volume was made on. */
export const ANN_LOCAL_PATH_SELECTED_NODE = 'local.path.provisioner/selected-node';
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

export interface ClaimRef {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface NodeSelectorTermJSON {
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
  matchFields?: Array<{ key: string; operator: string; values?: string[] }>;
}

export interface PersistentVolume extends KubeObject {
  metadata: Meta;
  spec: {
    capacity?: Record<string, string>;
    accessModes?: string[];
    claimRef?: ClaimRef | null;
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    volumeMode?: string;
    hostPath?: { path: string; type?: string };
    nodeAffinity?: { required?: { nodeSelectorTerms: NodeSelectorTermJSON[] } };
    [field: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim extends KubeObject {
  metadata: Meta;
  spec: {
    accessModes?: string[];
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
    selector?: LabelSelectorJSON | null;
    storageClassName?: string | null;
    volumeMode?: string;
    volumeName?: string;
    [field: string]: unknown;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: Record<string, string>; [field: string]: unknown };
}

export interface StorageClass extends KubeObject {
  metadata: Meta;
  provisioner: string;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  parameters?: Record<string, string>;
}
