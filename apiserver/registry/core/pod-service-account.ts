// The ServiceAccount admission plugin for new pods, as upstream's: an empty serviceAccountName becomes
// `default` (and the deprecated serviceAccount field follows it), and a pod whose ServiceAccount does not
// exist is refused with 403 `error looking up service account <ns>/<name>: serviceaccount "<name>" not
// found`. The `default` account is created with its namespace (namespace-credentials.ts), so for it the
// lookup is retried for a moment, as upstream retries up to 10 times 100–200 ms apart. Mirror pods (of
// static pods) are left alone. Token volumes are not injected.
import { forbidden } from '../../errors.js';
import type { HookEnv, KubeObject } from '../types.js';
import { serviceaccounts } from './serviceaccounts.js';

const DEFAULT = 'default';
const DEFAULT_ATTEMPTS = 10;
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

export async function admitPodServiceAccount(pod: KubeObject, env: HookEnv, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<void> {
  if (pod.metadata?.annotations?.[MIRROR_ANNOTATION] !== undefined) return;
  const spec = (pod.spec ?? {}) as { serviceAccountName?: string; serviceAccount?: string };
  const name = spec.serviceAccountName || spec.serviceAccount || DEFAULT;
  spec.serviceAccountName = name;
  spec.serviceAccount = name;
  pod.spec = spec;
  const ns = pod.metadata?.namespace ?? DEFAULT;
  if (await env.store.getCached(serviceaccounts, ns, name)) return;
  const attempts = name === DEFAULT ? DEFAULT_ATTEMPTS : 1;
  for (let i = 1; i < attempts; i++) {
    await sleep(100 + Math.floor(Math.random() * 100));
    if (await env.store.get(serviceaccounts, ns, name)) return;
  }
  // As admission.NewForbidden names an object that has no name yet: by its generateName.
  const shown = pod.metadata?.generateName && pod.metadata.name?.startsWith(pod.metadata.generateName) && pod.metadata.name.length === pod.metadata.generateName.length + 5 ? pod.metadata.generateName : (pod.metadata?.name ?? '');
  throw forbidden(`pods "${shown}" is forbidden: error looking up service account ${ns}/${name}: serviceaccount "${name}" not found`, { name: shown, kind: 'pods' });
}
