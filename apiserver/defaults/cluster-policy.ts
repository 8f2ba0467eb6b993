// Defaults of cluster-scoped policy kinds: PriorityClass (scheduling.k8s.io/v1), StorageClass
// (storage.k8s.io/v1), and RBAC bindings (rbac.authorization.k8s.io/v1 SetDefaults_Subject, _RoleBinding,
// _ClusterRoleBinding).
import { child, defaultString, items, type Fields } from './fields.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

export function defaultPriorityClass(obj: object): void {
  defaultString(obj as Fields, 'preemptionPolicy', 'PreemptLowerPriority');
}

export function defaultStorageClass(obj: object): void {
  defaultString(obj as Fields, 'reclaimPolicy', 'Delete');
  defaultString(obj as Fields, 'volumeBindingMode', 'Immediate');
}

/** Users and groups are RBAC's own subjects; a ServiceAccount subject's apiGroup stays "". */
export function defaultRoleBinding(obj: object): void {
  defaultString(child(obj as Fields, 'roleRef'), 'apiGroup', RBAC_GROUP);
  for (const subject of items(obj as Fields, 'subjects')) {
    if (subject['kind'] === 'User' || subject['kind'] === 'Group') defaultString(subject, 'apiGroup', RBAC_GROUP);
  }
}
