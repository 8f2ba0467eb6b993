// A StatefulSet's ControllerRevisions (getStatefulSetRevisions and truncateHistory of
// stateful_set_control.go): the update revision is the revision holding the set's template (the
// newest one when it already holds it; an older equal one is rolled forward by renumbering; else a
// new one is created, bumping collisionCount on a name taken by a different template); the current
// revision is the one status.currentRevision names (the update revision at first). History beyond
// revisionHistoryLimit that no pod uses is deleted, oldest first.
import type { ResourceClient } from '../../client/client.js';
import { isAlreadyExists, isNotFound } from '../../client/transport.js';
import { newControllerRef } from '../workload-common/claim.js';
import { controllerRevisionName, hashControllerRevision, templatePatch } from '../workload-common/revision-hash.js';
import { REVISION_HASH_LABEL, equalRevision, findEqualRevisions, nextRevision, sortRevisions } from '../workload-common/revision-history.js';
import type { ControllerRevision, Pod, StatefulSet } from '../workload-common/types.js';
import { revisionOf } from './pod-identity.js';

export interface SetRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
}

/** newRevision: the revision that would hold the set's template now (not yet stored). */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = templatePatch(set.spec?.template);
  const hash = hashControllerRevision(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: controllerRevisionName(set.metadata!.name!, hash),
      namespace: set.metadata?.namespace,
      labels: { ...(set.spec?.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
      ownerReferences: [newControllerRef(set, 'apps/v1', 'StatefulSet')],
    },
    data,
    revision,
  };
}

export async function syncSetRevisions(set: StatefulSet, owned: readonly ControllerRevision[], client: ResourceClient<ControllerRevision>): Promise<SetRevisions> {
  const namespace = set.metadata!.namespace!;
  const revisions = sortRevisions(owned);
  let collisionCount = set.status?.collisionCount ?? 0;
  const wanted = newRevision(set, nextRevision(revisions), collisionCount);
  const equal = findEqualRevisions(revisions, { data: wanted.data, revision: wanted.revision });
  let update: ControllerRevision;
  if (equal.length > 0 && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    update = revisions[revisions.length - 1]!;
  } else if (equal.length > 0) {
    update = await client.update({ ...equal[equal.length - 1]!, revision: wanted.revision }, { namespace });
  } else {
    for (;;) {
      const candidate = newRevision(set, wanted.revision, collisionCount);
      try {
        update = await client.create(candidate, { namespace });
        break;
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        const existing = await client.get(candidate.metadata!.name!, { namespace });
        if (equalRevision(existing, candidate)) {
          update = existing;
          break;
        }
        collisionCount++;
      }
    }
  }
  const current = revisions.find((r) => r.metadata?.name === set.status?.currentRevision) ?? update;
  return { current, update, collisionCount };
}

/** The revisions to delete: non-live history beyond revisionHistoryLimit, oldest first (pure). */
export function revisionsToTruncate(set: StatefulSet, pods: readonly Pod[], owned: readonly ControllerRevision[], live: readonly string[]): ControllerRevision[] {
  const keep = new Set<string>(live);
  for (const pod of pods) {
    const r = revisionOf(pod);
    if (r) keep.add(r);
  }
  const history = sortRevisions(owned).filter((r) => !keep.has(r.metadata?.name ?? ''));
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  return history.length <= limit ? [] : history.slice(0, history.length - limit);
}

export async function deleteRevisions(revisions: readonly ControllerRevision[], client: ResourceClient<ControllerRevision>): Promise<void> {
  for (const r of revisions) {
    await client.delete(r.metadata!.name!, { namespace: r.metadata?.namespace }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
