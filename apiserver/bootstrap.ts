// Objects every cluster has from its first start: the system namespaces (as upstream's
// SystemNamespaces controller makes them) and the `kubernetes` service at the first service IP.
// and upstream's bootstrap RBAC policy (roles and bindings, reconciled on every start).
// Idempotent: a restart finds them and changes nothing; allocations are repaired first.
import { randomUUID } from 'node:crypto';
import { repairAllocations } from './allocators/repair.js';
import { SYSTEM_PRIORITY_CLASSES } from './registry/core/pod-priority.js';
import { priorityclasses } from './registry/scheduling/priorityclasses.js';
import { LOCAL_PATH_STORAGE_CLASS } from './registry/core/pvc-default-class.js';
import { storageclasses } from './registry/storage/storageclasses.js';
import { bootstrapPolicy } from './auth/bootstrap-policy/index.js';
import { reconcileBootstrapPolicy } from './auth/authz/reconcile-bootstrap-policy.js';
import { namespaces } from './registry/core/namespaces.js';
import { serviceAllocation } from './registry/core/service-allocation.js';
import { services } from './registry/core/services.js';
import type { ObjectStore } from './storage/object-store.js';
import { timestamp } from './handlers/object-meta.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function bootstrapObjects(store: ObjectStore, now: Date = new Date(), apiPort = 6443): Promise<void> {
  await repairAllocations(store);
  for (const name of SYSTEM_NAMESPACES) {
    if (await store.get(namespaces, undefined, name)) continue;
    await store
      .create(namespaces, {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name,
          uid: randomUUID(),
          creationTimestamp: timestamp(now),
          labels: { 'kubernetes.io/metadata.name': name },
        },
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      })
      .catch((err) => {
        if ((err as { code?: number }).code !== 409) throw err;
      });
  }
  if (!(await store.get(services, 'default', 'kubernetes'))) {
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        uid: randomUUID(),
        creationTimestamp: timestamp(now),
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.43.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiPort }],
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    };
    await serviceAllocation.beforeCreate!(svc, { store });
    await store.create(services, svc);
  }
  for (const pc of SYSTEM_PRIORITY_CLASSES) {
    if (await store.get(priorityclasses, undefined, pc.name)) continue;
    await store
      .create(priorityclasses, {
        apiVersion: 'scheduling.k8s.io/v1',
        kind: 'PriorityClass',
        metadata: { name: pc.name, uid: randomUUID(), creationTimestamp: timestamp(now) },
        value: pc.value,
        globalDefault: false,
        description: pc.description,
        preemptionPolicy: 'PreemptLowerPriority',
      })
      .catch((err) => {
        if ((err as { code?: number }).code !== 409) throw err;
      });
  }
  // k3s deploys its local-path class at every start (its manifests); so do we when it is missing.
  if (!(await store.get(storageclasses, undefined, LOCAL_PATH_STORAGE_CLASS.metadata.name))) {
    await store
      .create(storageclasses, { ...structuredClone(LOCAL_PATH_STORAGE_CLASS), metadata: { ...structuredClone(LOCAL_PATH_STORAGE_CLASS.metadata), uid: randomUUID(), creationTimestamp: timestamp(now) } })
      .catch((err) => {
        if ((err as { code?: number }).code !== 409) throw err;
      });
  }
  await reconcileBootstrapPolicy(store, bootstrapPolicy() as unknown as Parameters<typeof reconcileBootstrapPolicy>[1], now);
}
