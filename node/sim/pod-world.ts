// The I/O half of the refusal checks: fetch what a pod references (its ConfigMaps, Secrets,
// PersistentVolumeClaims and ServiceAccount) as the node may (the Node authorizer lets a kubelet get only what its pods reference),
// into the PodWorld that pod-refusals.ts judges. Errors other than 404 count as present, so that a
// transient failure never refuses a pod that would otherwise run.
import type { Client, KubeObject } from '../../components/client/client.js';
import { configMaps, persistentVolumeClaims, secrets, serviceAccounts } from '../../components/client/resource-types.js';
import { isNotFound } from '../../components/client/transport.js';
import { mountsServiceAccountToken, referencedObjects, type PodWorld } from './pod-refusals.js';
import type { Pod } from './types.js';

type WithData = KubeObject & { data?: Record<string, string>; binaryData?: Record<string, string> };
type Claim = KubeObject & { metadata?: { deletionTimestamp?: string }; spec?: { volumeName?: string }; status?: { phase?: string } };

export async function fetchPodWorld(client: Client, pod: Pod, signal?: AbortSignal): Promise<PodWorld> {
  const ns = pod.metadata.namespace ?? 'default';
  const refs = referencedObjects(pod);
  const keysOf = async (type: typeof configMaps, name: string): Promise<Set<string> | undefined> => {
    try {
      const obj = await client.resource<WithData>(type).get(name, { namespace: ns, signal });
      return new Set([...Object.keys(obj.data ?? {}), ...Object.keys(obj.binaryData ?? {})]);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      return new Set(['*']);
    }
  };
  const world: PodWorld = { configMaps: new Map(), secrets: new Map(), serviceAccountExists: true, claims: new Map() };
  for (const name of refs.configMaps) {
    const keys = await keysOf(configMaps, name);
    if (keys) world.configMaps.set(name, keys);
  }
  for (const name of refs.secrets) {
    const keys = await keysOf(secrets, name);
    if (keys) world.secrets.set(name, keys);
  }
  for (const name of refs.claims) {
    // As the volume manager's populator does, straight from the API server (no informer).
    try {
      const claim = await client.resource<Claim>(persistentVolumeClaims).get(name, { namespace: ns, signal });
      world.claims.set(name, { phase: claim.status?.phase, volumeName: claim.spec?.volumeName, deleting: !!claim.metadata?.deletionTimestamp });
    } catch (err) {
      if (!isNotFound(err)) world.claims.set(name, { phase: 'Bound', volumeName: '*' });
    }
  }
  if (mountsServiceAccountToken(pod)) {
    // As the kubelet does for a projected token: a TokenRequest for the pod's ServiceAccount.
    const sa = pod.spec.serviceAccountName ?? 'default';
    const request = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: [], expirationSeconds: 3607, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: pod.metadata.name, uid: pod.metadata.uid } } };
    try {
      await client.resource(serviceAccounts).createSubresource(sa, 'token', request, { namespace: ns });
    } catch (err) {
      if (isNotFound(err)) world.serviceAccountExists = false;
    }
  }
  return world;
}
