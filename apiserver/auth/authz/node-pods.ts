// Which pods are bound to which node, and what each references, kept from the store (list, then watch):
// the graph the Node authorizer reads (upstream's node authorizer graph, reduced to pods' references).
import { pods } from '../../registry/core/pods.js';
import type { KubeObject } from '../../registry/types.js';
import type { ObjectStore } from '../../storage/object-store.js';

export interface PodReferences {
  secrets: Set<string>;
  configmaps: Set<string>;
  persistentvolumeclaims: Set<string>;
  serviceaccounts: Set<string>;
}

type Obj = Record<string, unknown>;
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const obj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});

/** The secrets, config maps, claims and service account a pod spec names (volumes, env, pull secrets). */
export function podReferences(pod: KubeObject): PodReferences {
  const spec = obj(pod.spec);
  const refs: PodReferences = { secrets: new Set(), configmaps: new Set(), persistentvolumeclaims: new Set(), serviceaccounts: new Set() };
  const add = (set: Set<string>, name: unknown) => typeof name === 'string' && name && set.add(name);
  add(refs.serviceaccounts, spec.serviceAccountName ?? 'default');
  for (const s of arr(spec.imagePullSecrets)) add(refs.secrets, s.name);
  for (const v of arr(spec.volumes)) {
    add(refs.secrets, obj(v.secret).secretName);
    add(refs.configmaps, obj(v.configMap).name);
    add(refs.persistentvolumeclaims, obj(v.persistentVolumeClaim).claimName);
    for (const src of arr(obj(v.projected).sources)) {
      add(refs.secrets, obj(src.secret).name);
      add(refs.configmaps, obj(src.configMap).name);
    }
    for (const key of ['azureFile', 'cephfs', 'cinder', 'flexVolume', 'iscsi', 'rbd', 'scaleIO', 'storageos', 'csi']) {
      const source = obj(v[key]);
      add(refs.secrets, obj(source.secretRef).name ?? source.secretName);
      add(refs.secrets, obj(source.nodePublishSecretRef).name);
    }
  }
  for (const c of [...arr(spec.initContainers), ...arr(spec.containers), ...arr(spec.ephemeralContainers)]) {
    for (const e of arr(c.envFrom)) {
      add(refs.secrets, obj(e.secretRef).name);
      add(refs.configmaps, obj(e.configMapRef).name);
    }
    for (const e of arr(c.env)) {
      const from = obj(e.valueFrom);
      add(refs.secrets, obj(from.secretKeyRef).name);
      add(refs.configmaps, obj(from.configMapKeyRef).name);
    }
  }
  return refs;
}

export class NodePods {
  private readonly byKey = new Map<string, { node: string; namespace: string; name: string; refs: PodReferences }>();
  private cancel?: () => void;

  constructor(private readonly store: ObjectStore) {}

  async start(): Promise<void> {
    const listed = await this.store.list(pods, undefined, {}, { bypassCache: true });
    this.byKey.clear();
    for (const p of listed.items) this.put(p);
    this.cancel = this.store.watch(pods, undefined, { resourceVersion: Number(listed.resourceVersion) }, {
      event: (type, p) => (type === 'DELETED' ? this.byKey.delete(key(p)) : this.put(p)),
      error: () => {
        this.cancel?.();
        void this.start();
      },
    });
  }

  stop(): void {
    this.cancel?.();
  }

  private put(p: KubeObject): void {
    const node = (p.spec as { nodeName?: string } | undefined)?.nodeName;
    if (!node) this.byKey.delete(key(p));
    else this.byKey.set(key(p), { node, namespace: p.metadata!.namespace!, name: p.metadata!.name!, refs: podReferences(p) });
  }

  /** Whether a pod bound to `node` references this object. */
  references(node: string, kind: keyof PodReferences, namespace: string, name: string): boolean {
    for (const p of this.byKey.values()) {
      if (p.node === node && p.namespace === namespace && p.refs[kind].has(name)) return true;
    }
    return false;
  }

  /** Whether the pod is bound to `node`. */
  onNode(node: string, namespace: string, name: string): boolean {
    return this.byKey.get(`${namespace}/${name}`)?.node === node;
  }
}

const key = (p: KubeObject) => `${p.metadata?.namespace}/${p.metadata?.name}`;
