// A DaemonSet's ControllerRevisions (upstream daemon/update.go constructHistory, snapshot,
// dedupCurHistories, cleanupHistory): the current revision is the one whose payload equals the
// DaemonSet's template (created as `<ds>-<hash>` with the hash as `controller-revision-hash`, numbered
// one past the old ones; a name taken by another template bumps status.collisionCount); old ones
// beyond revisionHistoryLimit whose hash no pod carries are deleted, oldest first.
import type { ResourceClient } from '../../client/client.js';
import { isAlreadyExists, isNotFound } from '../../client/transport.js';
import { newControllerRef } from '../workload-common/claim.js';
import { canonicalJson, computeTemplateHash, controllerRevisionName, templatePatch } from '../workload-common/revision-hash.js';
import { sortRevisions } from '../workload-common/revision-history.js';
import type { ControllerRevision, DaemonSet, Pod } from '../workload-common/types.js';
import { HASH_LABEL } from './sync-plan.js';

/** Match: the revision holds exactly the DaemonSet's template. */
export const holdsTemplate = (ds: DaemonSet, r: ControllerRevision): boolean => canonicalJson(r.data) === canonicalJson(templatePatch(ds.spec?.template));

export class StaleCollisionCount extends Error {
  override name = 'StaleCollisionCount';
}

export interface DaemonHistory {
  current: ControllerRevision;
  old: ControllerRevision[];
}

export async function constructHistory(ds: DaemonSet, owned: readonly ControllerRevision[], io: { revisions: ResourceClient<ControllerRevision>; daemonSets: ResourceClient<DaemonSet> }): Promise<DaemonHistory> {
  const namespace = ds.metadata!.namespace!;
  const currents = owned.filter((r) => holdsTemplate(ds, r));
  const old = owned.filter((r) => !holdsTemplate(ds, r));
  const revision = old.reduce((m, r) => Math.max(m, r.revision), 0) + 1;
  if (currents.length === 0) return { current: await snapshot(ds, revision, io), old };
  const [keep, ...dupes] = [...sortRevisions(currents)].reverse();
  for (const d of dupes) await io.revisions.delete(d.metadata!.name!, { namespace }).catch(ignoreNotFound);
  let current = keep!;
  if (current.revision < revision) current = await io.revisions.update({ ...current, revision }, { namespace });
  return { current, old };
}

async function snapshot(ds: DaemonSet, revision: number, io: { revisions: ResourceClient<ControllerRevision>; daemonSets: ResourceClient<DaemonSet> }): Promise<ControllerRevision> {
  const namespace = ds.metadata!.namespace!;
  const hash = computeTemplateHash(ds.spec?.template, ds.status?.collisionCount);
  const name = controllerRevisionName(ds.metadata!.name!, hash);
  const body: ControllerRevision = {
    metadata: {
      name,
      namespace,
      labels: { ...(ds.spec?.template?.metadata?.labels ?? {}), [HASH_LABEL]: hash },
      ...(ds.metadata?.annotations ? { annotations: ds.metadata.annotations } : {}),
      ownerReferences: [newControllerRef(ds, 'apps/v1', 'DaemonSet')],
    },
    data: templatePatch(ds.spec?.template),
    revision,
  };
  try {
    return await io.revisions.create(body, { namespace });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
    const existing = await io.revisions.get(name, { namespace });
    if (holdsTemplate(ds, existing)) return existing;
    const fresh = await io.daemonSets.get(ds.metadata!.name!, { namespace });
    if ((fresh.status?.collisionCount ?? undefined) !== (ds.status?.collisionCount ?? undefined)) {
      throw new StaleCollisionCount(`found a stale collision count of DaemonSet ${JSON.stringify(ds.metadata?.name)} while processing; will retry until it is updated`);
    }
    const status = { ...(fresh.status ?? { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 }) };
    status.collisionCount = (status.collisionCount ?? 0) + 1;
    await io.daemonSets.updateStatus({ ...fresh, status }, { namespace });
    throw err;
  }
}

/** cleanupHistory's choice (pure): old revisions beyond the limit, oldest first, skipping those pods still carry. */
export function historyToDelete(ds: DaemonSet, old: readonly ControllerRevision[], pods: readonly Pod[]): ControllerRevision[] {
  let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? 10);
  if (toKill <= 0) return [];
  const live = new Set(pods.map((p) => p.metadata?.labels?.[HASH_LABEL]).filter(Boolean));
  const out: ControllerRevision[] = [];
  for (const r of sortRevisions(old)) {
    if (toKill <= 0) break;
    if (live.has(r.metadata?.labels?.[HASH_LABEL])) continue;
    out.push(r);
    toKill--;
  }
  return out;
}

function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err;
}
