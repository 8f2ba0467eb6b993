// The DefaultStorageClass admission plugin: a claim created with no storageClassName gets the class
// annotated `storageclass.kubernetes.io/is-default-class: "true"` (the newest when several are), and one
// asking for "" keeps no class. k3s's default class is `local-path`, created at start (bootstrap.ts).
import { storageclasses } from '../storage/storageclasses.js';
import type { HookEnv, KubeObject } from '../types.js';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

/** The class k3s deploys (rancher/local-path-provisioner): provisioned by the local-path binder. */
export const LOCAL_PATH_STORAGE_CLASS = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'local-path', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
  provisioner: 'rancher.io/local-path',
  volumeBindingMode: 'WaitForFirstConsumer',
  reclaimPolicy: 'Delete',
};

export async function defaultStorageClass(claim: KubeObject, env: HookEnv): Promise<void> {
  const spec = (claim.spec ?? {}) as { storageClassName?: string | null };
  if (spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  const classes = (await env.store.list(storageclasses, undefined)).items.filter(
    (sc) => sc.metadata?.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true' || sc.metadata?.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true',
  );
  if (classes.length === 0) return;
  classes.sort((a, b) => String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
  spec.storageClassName = classes[0]!.metadata!.name!;
  claim.spec = spec;
}
