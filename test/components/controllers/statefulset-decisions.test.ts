// Table tests of the StatefulSet controller's pure decisions: identity, ordering, scale-down,
// partitioned updates, status, and the revision hashes.
import t from 'tap';
import { identityMatches, newStatefulSetPod, parentAndOrdinal } from '../../../components/controllers/statefulset/pod-identity.js';
import { computeStatus } from '../../../components/controllers/statefulset/status.js';
import { planSync, type SyncAction } from '../../../components/controllers/statefulset/sync-plan.js';
import { revisionsToTruncate } from '../../../components/controllers/statefulset/revisions.js';
import { computeTemplateHash, fnv32, hashControllerRevision, safeEncodeString } from '../../../components/controllers/workload-common/revision-hash.js';
import type { ControllerRevision, Pod, StatefulSet } from '../../../components/controllers/workload-common/types.js';

const sts = (o: { replicas?: number; policy?: 'Parallel'; partition?: number; onDelete?: boolean; start?: number } = {}): StatefulSet => ({
  metadata: { name: 'web', namespace: 'ns', uid: 'u1', generation: 1 },
  spec: {
    replicas: o.replicas ?? 3,
    serviceName: 'web',
    podManagementPolicy: o.policy ?? 'OrderedReady',
    ordinals: o.start !== undefined ? { start: o.start } : undefined,
    updateStrategy: o.onDelete ? { type: 'OnDelete' } : { type: 'RollingUpdate', rollingUpdate: { partition: o.partition ?? 0 } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'x' }] } },
  },
});
const pod = (ordinal: number, o: { ready?: boolean; rev?: string; phase?: string; deleting?: boolean } = {}): Pod => ({
  metadata: {
    name: `web-${ordinal}`,
    namespace: 'ns',
    labels: { 'statefulset.kubernetes.io/pod-name': `web-${ordinal}`, 'apps.kubernetes.io/pod-index': String(ordinal), 'controller-revision-hash': o.rev ?? 'web-new' },
    ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
  },
  status: { phase: o.phase ?? 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
});
const brief = (a: SyncAction) => (a.kind === 'create' ? `create ${a.ordinal}/${a.revision}` : a.kind === 'delete' ? `delete ${a.pod.metadata?.name} (${a.why})` : `${a.kind} ${a.pod.metadata?.name}`);

t.test('planSync', async (t) => {
  const cases: Array<[string, StatefulSet, Pod[], string[]]> = [
    ['empty set creates ordinal 0 only', sts(), [], ['create 0/update']],
    ['waits for web-0 to be Ready', sts(), [pod(0, { ready: false })], []],
    ['web-0 Ready: creates web-1', sts(), [pod(0)], ['create 1/update']],
    ['Parallel creates all at once', sts({ policy: 'Parallel' }), [], ['create 0/update', 'create 1/update', 'create 2/update']],
    ['ordinals.start shifts names', sts({ replicas: 2, start: 5 }), [], ['create 5/update']],
    ['scale down removes the highest first', sts({ replicas: 1 }), [pod(0), pod(1), pod(2)], ['delete web-2 (condemned)']],
    ['scale down waits for an unhealthy replica', sts({ replicas: 1 }), [pod(0, { ready: false }), pod(1), pod(2)], []],
    ['a failed replica is deleted and waited for', sts(), [pod(0, { phase: 'Failed' }), pod(1)], ['delete web-0 (finished)']],
    ['rolling update: highest first', sts(), [pod(0, { rev: 'old' }), pod(1, { rev: 'old' }), pod(2, { rev: 'old' })], ['delete web-2 (update)']],
    ['rolling update waits for the updated pod', sts(), [pod(0, { rev: 'old' }), pod(1, { rev: 'old' }), pod(2, { ready: false })], []],
    ['rolling update goes on below', sts(), [pod(0, { rev: 'old' }), pod(1, { rev: 'old' }), pod(2)], ['delete web-1 (update)']],
    ['partition 2 stops above ordinal 1', sts({ partition: 2 }), [pod(0, { rev: 'old' }), pod(1, { rev: 'old' }), pod(2)], []],
    ['below the partition new pods use the current revision', sts({ partition: 2 }), [], ['create 0/current']],
    ['OnDelete never replaces', sts({ onDelete: true }), [pod(0, { rev: 'old' }), pod(1, { rev: 'old' }), pod(2, { rev: 'old' })], []],
    ['terminating replica blocks OrderedReady', sts(), [pod(0, { deleting: true })], []],
  ];
  for (const [name, set, pods, want] of cases) t.same(planSync({ set, pods, updateRevision: 'web-new', nowMs: Date.now() }).actions.map(brief), want, name);
});

t.test('identity and status', async (t) => {
  t.same(parentAndOrdinal('my-web-12'), { parent: 'my-web', ordinal: 12 });
  t.same(parentAndOrdinal('web'), { parent: '', ordinal: -1 });
  const p = newStatefulSetPod(sts(), sts().spec!.template!, 1, 'web-abc');
  t.equal(p.metadata?.name, 'web-1');
  t.equal(p.spec?.hostname, 'web-1');
  t.equal(p.spec?.subdomain, 'web');
  t.ok(identityMatches(sts(), { ...p, metadata: { ...p.metadata, namespace: 'ns' } }));
  const s = computeStatus({ set: sts(), pods: [pod(0, { rev: 'web-old' }), pod(1), pod(2, { ready: false })], currentRevision: 'web-old', updateRevision: 'web-new', collisionCount: 0, deletedForUpdate: 0, nowMs: Date.now() });
  t.match(s, { replicas: 3, readyReplicas: 2, currentReplicas: 1, updatedReplicas: 2, availableReplicas: 2, currentRevision: 'web-old', updateRevision: 'web-new' });
  const done = computeStatus({ set: sts(), pods: [pod(0), pod(1), pod(2)], currentRevision: 'web-old', updateRevision: 'web-new', collisionCount: 0, deletedForUpdate: 0, nowMs: Date.now() });
  t.match(done, { currentReplicas: 3, currentRevision: 'web-new' }, 'a finished rolling update makes the update revision current');
});

t.test('revisions and hashes', async (t) => {
  t.equal(fnv32(Buffer.from(''), '1a'), 0x811c9dc5);
  t.equal(fnv32(Buffer.from('a'), '1a'), 0xe40c292c);
  t.equal(fnv32(Buffer.from('a'), '1'), 0x050c5d7e);
  t.equal(safeEncodeString('0123456789'), '456789bcdf');
  t.match(hashControllerRevision({ a: 1 }, 0), /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  t.not(hashControllerRevision({ a: 1 }, 0), hashControllerRevision({ a: 1 }, 1), 'the collision count changes the hash');
  t.equal(computeTemplateHash({ metadata: { labels: { a: 'b', c: 'd' } } }, undefined), computeTemplateHash({ metadata: { labels: { c: 'd', a: 'b' } } }, undefined), 'key order does not matter');
  const rev = (name: string, revision: number): ControllerRevision => ({ metadata: { name }, revision });
  const set = { ...sts(), spec: { ...sts().spec, revisionHistoryLimit: 1 } };
  const out = revisionsToTruncate(set, [pod(0, { rev: 'r2' })], [rev('r1', 1), rev('r2', 2), rev('r3', 3), rev('r4', 4), rev('r5', 5)], ['r5']);
  t.same(out.map((r) => r.metadata?.name), ['r1', 'r3'], 'keeps live revisions and the newest of the history');
});
