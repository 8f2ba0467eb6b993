// The scale of a pod's controller, for percentage budgets and maxUnavailable (upstream disruption.go
// finders): a ReplicationController, a ReplicaSet (the Deployment's scale when a Deployment controls
// it), a StatefulSet, read from the informers' caches (spec.replicas); any other controller through
// its `scale` subresource when its kind is one k8ts knows. The sum counts each controller once.
import type { Client, ResourceType } from '../../client/client.js';
import type { Lister } from '../../client/store.js';
import { deployments, replicaSets, replicationControllers, statefulSets } from '../../client/resource-types.js';
import { controllerRefOf } from '../workload-common/claim.js';
import type { Obj, Pod, Scale } from '../workload-common/types.js';

type Scaled = Obj & { spec?: { replicas?: number } };

export interface ScaleListers {
  replicaSets: Lister<Scaled>;
  deployments: Lister<Scaled>;
  statefulSets: Lister<Scaled>;
  replicationControllers: Lister<Scaled>;
}

export class NoControllerFound extends Error {
  override name = 'NoControllerFound';
}

/** Kinds whose `scale` subresource the generic finder may read. */
const SCALABLE: Record<string, ResourceType> = { 'apps/v1/Deployment': deployments, 'apps/v1/ReplicaSet': replicaSets, 'apps/v1/StatefulSet': statefulSets, 'v1/ReplicationController': replicationControllers };

/** Finds one controller's uid and scale from caches; undefined when the caches cannot tell. */
function fromCaches(ref: NonNullable<ReturnType<typeof controllerRefOf>>, namespace: string, l: ScaleListers): { uid: string; scale: number } | undefined {
  const uidMatch = (o: Scaled | undefined) => (o && o.metadata?.uid === ref.uid ? o : undefined);
  const group = ref.apiVersion.split('/').length > 1 ? ref.apiVersion.split('/')[0] : '';
  if (ref.kind === 'ReplicationController' && group === '') {
    const rc = uidMatch(l.replicationControllers.get(namespace, ref.name));
    return rc && { uid: rc.metadata!.uid!, scale: rc.spec?.replicas ?? 1 };
  }
  if (ref.kind === 'ReplicaSet' && group === 'apps') {
    const rs = uidMatch(l.replicaSets.get(namespace, ref.name));
    if (!rs) return undefined;
    const dref = controllerRefOf(rs);
    if (dref?.kind === 'Deployment') {
      const d = l.deployments.get(namespace, dref.name);
      return d && d.metadata?.uid === dref.uid ? { uid: d.metadata!.uid!, scale: d.spec?.replicas ?? 1 } : undefined;
    }
    return { uid: rs.metadata!.uid!, scale: rs.spec?.replicas ?? 1 };
  }
  if (ref.kind === 'StatefulSet' && group === 'apps') {
    const ss = uidMatch(l.statefulSets.get(namespace, ref.name));
    return ss && { uid: ss.metadata!.uid!, scale: ss.spec?.replicas ?? 1 };
  }
  return undefined;
}

/** getExpectedScale: Σ scale over the distinct controllers of `pods`; pods without a controller are skipped (unmanaged). */
export async function expectedScale(pods: readonly Pod[], l: ScaleListers, client: Client): Promise<{ expected: number; unmanaged: string[] }> {
  const scales = new Map<string, number>();
  const seen = new Set<string>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = controllerRefOf(pod);
    if (!ref) {
      unmanaged.push(pod.metadata!.name!);
      continue;
    }
    if (seen.has(ref.uid)) continue;
    const ns = pod.metadata!.namespace!;
    let found = fromCaches(ref, ns, l);
    const type = SCALABLE[`${ref.apiVersion}/${ref.kind}`];
    if (!found && type) {
      const scale = await client.resource(type).getSubresource<Scale>(ref.name, 'scale', { namespace: ns }).catch(() => undefined);
      if (scale?.metadata?.uid === ref.uid) found = { uid: ref.uid, scale: scale.spec?.replicas ?? 0 };
    }
    if (!found) throw new NoControllerFound(`found no controllers for pod ${JSON.stringify(pod.metadata?.name)}`);
    seen.add(ref.uid);
    scales.set(found.uid, found.scale);
  }
  return { expected: [...scales.values()].reduce((a, b) => a + b, 0), unmanaged };
}
