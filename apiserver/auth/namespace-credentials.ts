// What every namespace gets for its workloads' credentials, kept by the apiserver itself until the
// controller manager lands (issue 7 moves these behind the API client): the `default` ServiceAccount
// (upstream's serviceaccounts controller), the `kube-root-ca.crt` ConfigMap with the cluster CA (the
// root-CA publisher), and the token, ca.crt and namespace of legacy kubernetes.io/service-account-token
// Secrets (the tokens controller). Each is recreated or repaired when someone deletes or changes it.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { timestamp } from '../handlers/object-meta.js';
import { configmaps } from '../registry/core/configmaps.js';
import { namespaces } from '../registry/core/namespaces.js';
import { secrets } from '../registry/core/secrets.js';
import { serviceaccounts } from '../registry/core/serviceaccounts.js';
import type { KubeObject, ResourceEntry } from '../registry/types.js';
import type { ObjectStore } from '../storage/object-store.js';
import type { ServiceAccountTokens } from './authn/service-account-token.js';

export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const ROOT_CA_DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';
const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';
const SA_NAME = 'kubernetes.io/service-account.name';
const SA_UID = 'kubernetes.io/service-account.uid';

export class NamespaceCredentials {
  private readonly cancels: Array<() => void> = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly o: { store: ObjectStore; caCert: string; tokens: () => ServiceAccountTokens | undefined; now: () => Date; log?: { error(obj: object, msg: string): void } },
  ) {}

  async start(): Promise<void> {
    const ns = await this.o.store.list(namespaces, undefined, {}, { bypassCache: true });
    for (const n of ns.items) await this.syncNamespace(n.metadata!.name!);
    const tokenSecrets = await this.o.store.list(secrets, undefined, {}, { bypassCache: true });
    for (const s of tokenSecrets.items) await this.syncSecret(s);
    this.follow(namespaces, Number(ns.resourceVersion), (type, obj) => type !== 'DELETED' && this.syncNamespace(obj.metadata!.name!));
    this.follow(serviceaccounts, Number(ns.resourceVersion), (type, obj) => type === 'DELETED' && obj.metadata?.name === 'default' && this.syncNamespace(obj.metadata.namespace!));
    this.follow(configmaps, Number(ns.resourceVersion), (_type, obj) => obj.metadata?.name === ROOT_CA_CONFIGMAP && this.syncNamespace(obj.metadata.namespace!));
    this.follow(secrets, Number(tokenSecrets.resourceVersion), (type, obj) => type !== 'DELETED' && this.syncSecret(obj));
  }

  stop(): void {
    for (const c of this.cancels) c();
  }

  private follow(entry: ResourceEntry, from: number, handle: (type: string, obj: KubeObject) => unknown): void {
    this.cancels.push(
      this.o.store.watch(entry, undefined, { resourceVersion: from }, {
        event: (type, obj) => {
          this.queue = this.queue.then(() => handle(type, obj) as Promise<void>).catch((err) => this.o.log?.error({ err }, 'namespace credentials sync failed'));
        },
        error: () => undefined,
      }),
    );
  }

  private meta(name: string, namespace: string, extra: Record<string, unknown> = {}) {
    return { name, namespace, uid: randomUUID(), creationTimestamp: timestamp(this.o.now()), ...extra };
  }

  private async syncNamespace(ns: string): Promise<void> {
    const namespace = await this.o.store.get(namespaces, undefined, ns);
    if (!namespace || namespace.metadata?.deletionTimestamp) return;
    if (!(await this.o.store.get(serviceaccounts, ns, 'default'))) {
      await this.o.store.create(serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: this.meta('default', ns) }).catch(ignoreConflict);
    }
    const data = { 'ca.crt': this.o.caCert };
    const cm = await this.o.store.get(configmaps, ns, ROOT_CA_CONFIGMAP);
    if (!cm) {
      await this.o.store
        .create(configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: this.meta(ROOT_CA_CONFIGMAP, ns, { annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } }), data })
        .catch(ignoreConflict);
    } else if (!isDeepStrictEqual(cm.data, data)) {
      await this.o.store.guaranteedUpdate(configmaps, ns, ROOT_CA_CONFIGMAP, (current) => ({ ...current, data })).catch(ignoreConflict);
    }
  }

  private async syncSecret(secret: KubeObject): Promise<void> {
    if (secret.type !== SA_TOKEN_TYPE) return;
    const ns = secret.metadata!.namespace!;
    const saName = secret.metadata?.annotations?.[SA_NAME];
    const data = (secret.data ?? {}) as Record<string, string>;
    const tokens = this.o.tokens();
    if (!saName || !tokens || data.token) return;
    const sa = await this.o.store.get(serviceaccounts, ns, saName);
    if (!sa) return;
    const token = await tokens.issueLegacy(ns, { name: saName, uid: sa.metadata!.uid! }, secret.metadata!.name!);
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    await this.o.store
      .guaranteedUpdate(secrets, ns, secret.metadata!.name!, (current) => {
        if (((current.data ?? {}) as Record<string, string>).token) return current;
        current.metadata!.annotations = { ...current.metadata!.annotations, [SA_UID]: sa.metadata!.uid! };
        current.data = { ...(current.data as object), token: b64(token), 'ca.crt': b64(this.o.caCert), namespace: b64(ns) };
        return current;
      })
      .catch(ignoreConflict);
  }
}

function ignoreConflict(err: unknown): void {
  const code = (err as { code?: number }).code;
  if (code !== 409 && code !== 404) throw err;
}
