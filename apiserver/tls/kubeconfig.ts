// The admin kubeconfig (DIR/kubeconfig.yaml): one cluster, one user, one context, credentials inline as
// *-data fields so the file works wherever it is copied, like k3s's /etc/rancher/k3s/k3s.yaml (names
// `default`). Written 0600 (CIS asks that of kubeconfigs) and atomically, since kubectl may be reading it.
import { stringify } from 'yaml';
import { writeFileAtomic } from './atomic-write.js';

export interface KubeconfigOptions {
  /** e.g. `https://127.0.0.1:6443` */
  server: string;
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
  /** Default `default`. */
  clusterName?: string;
  /** Default `default`. */
  user?: string;
  /** Default: the cluster name. */
  context?: string;
}

/** The kubeconfig as YAML (clientcmd's v1 Config). Pure. */
export function renderKubeconfig(o: KubeconfigOptions): string {
  const cluster = o.clusterName ?? 'default';
  const user = o.user ?? 'default';
  const context = o.context ?? cluster;
  const b64 = (pem: string) => Buffer.from(pem, 'utf8').toString('base64');
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: cluster, cluster: { server: o.server, 'certificate-authority-data': b64(o.caPem) } }],
    contexts: [{ name: context, context: { cluster, user } }],
    'current-context': context,
    preferences: {},
    users: [{ name: user, user: { 'client-certificate-data': b64(o.clientCertPem), 'client-key-data': b64(o.clientKeyPem) } }],
  };
  return stringify(config, { lineWidth: 0 });
}

/** Writes (or replaces) the kubeconfig at `path`, mode 0600, in one rename. */
export async function writeKubeconfig(path: string, o: KubeconfigOptions): Promise<void> {
  await writeFileAtomic(path, renderKubeconfig(o), 0o600);
}
