// The Deployment controller with the ReplicaSet controller against a real apiserver: a rollout of a
// new template respecting maxSurge/maxUnavailable step by step, revisions, scaling, pause/resume,
// Recreate, and the conditions and events upstream reports.
import t from 'tap';
import type { CoreEvent } from '../../../components/client/event-recorder.js';
import { deployments, events, pods, replicaSets } from '../../../components/client/resource-types.js';
import { deploymentController } from '../../../components/controllers/deployment/index.js';
import { replicaSetController } from '../../../components/controllers/replicaset/index.js';
import type { Deployment, Pod, ReplicaSet } from '../../../components/controllers/shared/workload-types.js';
import { ensureNamespace, eventually, markPodReady, startControllerHarness, type ControllerHarness } from './harness.js';

const spec = (image: string, o: Partial<NonNullable<Deployment['spec']>> = {}): Deployment['spec'] => ({
  replicas: 3,
  selector: { matchLabels: { app: 'web' } },
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } },
  ...o,
});

async function start(t: { teardown(fn: () => unknown): void }): Promise<ControllerHarness> {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await h.run(replicaSetController(), { serviceAccount: 'replicaset-controller' });
  await h.run(deploymentController(), { serviceAccount: 'deployment-controller' });
  return h;
}

function clients(h: ControllerHarness) {
  const dc = h.admin.resource<Deployment>(deployments);
  const rsc = h.admin.resource<ReplicaSet>(replicaSets);
  const pc = h.admin.resource<Pod>(pods);
  const rsList = async () => (await rsc.list({ namespace: 'ns' })).items.sort((a, b) => (a.metadata!.annotations!['deployment.kubernetes.io/revision']! < b.metadata!.annotations!['deployment.kubernetes.io/revision']! ? -1 : 1));
  const livePods = async () => (await pc.list({ namespace: 'ns' })).items.filter((p) => !p.metadata?.deletionTimestamp);
  const readyAll = async () => {
    for (const p of await livePods()) if (!p.status?.conditions?.some((c) => c.type === 'Ready')) await markPodReady(h.admin, p);
  };
  return { dc, rsc, pc, rsList, livePods, readyAll };
}

t.test('RollingUpdate: create, become available, roll out step by step, scale', async (t) => {
  const h = await start(t);
  const { dc, rsList, livePods, readyAll } = clients(h);
  await dc.create({ metadata: { name: 'web', namespace: 'ns' }, spec: spec('img:1') });
  const [rs1] = await eventually(async () => ((await rsList()).length === 1 && (await livePods()).length === 3 ? rsList() : undefined));
  const hash = rs1!.metadata!.labels!['pod-template-hash']!;
  t.match(hash, /^[bcdfghjklmnpqrstvwxz2456789]+$/);
  t.equal(rs1!.metadata!.name, `web-${hash}`);
  t.same(rs1!.spec!.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
  t.match(rs1!.metadata!.annotations, { 'deployment.kubernetes.io/revision': '1', 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4' });
  t.match(rs1!.metadata!.ownerReferences, [{ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true }]);
  t.ok((await livePods()).every((p) => p.metadata!.labels!['pod-template-hash'] === hash));

  const unavailable = await eventually(async () => {
    const d = await dc.get('web', { namespace: 'ns' });
    return d.status?.conditions?.find((c) => c.type === 'Available')?.status === 'False' ? d : undefined;
  });
  t.match(unavailable.status!.conditions!.find((c) => c.type === 'Available'), { reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' });
  t.match(unavailable.status!.conditions!.find((c) => c.type === 'Progressing'), { status: 'True', reason: /NewReplicaSetCreated|ReplicaSetUpdated/ });
  t.equal(unavailable.metadata!.annotations!['deployment.kubernetes.io/revision'], '1');

  await readyAll();
  const available = await eventually(async () => {
    const d = await dc.get('web', { namespace: 'ns' });
    return d.status?.availableReplicas === 3 && d.status.conditions?.find((c) => c.type === 'Progressing')?.reason === 'NewReplicaSetAvailable' ? d : undefined;
  });
  t.match(available.status, { replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
  t.notOk(available.status!.unavailableReplicas, 'no unavailable replicas');
  t.match(available.status!.conditions!.find((c) => c.type === 'Available'), { status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' });
  t.match(available.status!.conditions!.find((c) => c.type === 'Progressing'), { message: `ReplicaSet "web-${hash}" has successfully progressed.` });

  // New image: maxSurge 1 (25% of 3 rounded up), maxUnavailable 0 (rounded down).
  await dc.patch('web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'img:2' }] } } } }, { namespace: 'ns', type: 'strategic' });
  const sizes = async () => {
    const [a, b] = await rsList();
    return b ? [a!.spec!.replicas!, b.spec!.replicas!] : undefined;
  };
  const seen: number[][] = [];
  for (const want of [
    [3, 1],
    [2, 2],
    [1, 3],
    [0, 3],
  ]) {
    const got = await eventually(async () => {
      const s = await sizes();
      if (s && s[0] === want[0] && s[1] === want[1]) return s;
      // As a kubelet would: pods created since the last look become ready too.
      if (s && (s[0] !== want[0] || s[1] !== want[1]) && seen.length > 0) await readyAll();
      return undefined;
    }, 10_000, `sizes ${want}`);
    seen.push(got);
    const live = await livePods();
    t.ok(live.length <= 4, `never more than replicas + maxSurge pods (${live.length})`);
    t.ok(live.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready')).length >= 3, 'never fewer than 3 ready pods');
    await readyAll();
  }
  t.same(seen, [[3, 1], [2, 2], [1, 3], [0, 3]]);
  const [old, cur] = await rsList();
  t.equal(old!.metadata!.annotations!['deployment.kubernetes.io/revision'], '1', 'the old ReplicaSet is kept at revision 1');
  t.equal(cur!.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
  const done = await eventually(async () => {
    const d = await dc.get('web', { namespace: 'ns' });
    return d.status?.updatedReplicas === 3 && d.status.replicas === 3 && d.status.availableReplicas === 3 && d.status.conditions?.find((c) => c.type === 'Progressing')?.reason === 'NewReplicaSetAvailable' ? d : undefined;
  });
  t.equal(done.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');

  // Scaling: only the new ReplicaSet grows.
  await dc.patch('web', { spec: { replicas: 5 } }, { namespace: 'ns', type: 'merge' });
  await eventually(async () => {
    const s = await sizes();
    return s?.[0] === 0 && s[1] === 5;
  });
  const msgs = await eventually(async () => {
    const items = (await h.admin.resource<CoreEvent>(events).list({ namespace: 'ns' })).items;
    const m = items.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    return m.length >= 8 ? m : undefined;
  });
  t.ok(msgs.includes(`Scaled up replica set web-${hash} to 3`), 'creation event');
  t.ok(msgs.includes(`Scaled down replica set web-${hash} to 2 from 3`), 'scale down event');
  t.ok(msgs.some((m) => / to 5 from 3$/.test(m)), 'scale event');
});

t.test('pause, resume, rollback by template and Recreate', async (t) => {
  const h = await start(t);
  const { dc, rsList, livePods, readyAll } = clients(h);
  await dc.create({ metadata: { name: 'web', namespace: 'ns' }, spec: spec('img:1', { replicas: 2, strategy: { type: 'Recreate' } }) });
  await eventually(async () => (await livePods()).length === 2);
  await readyAll();
  await eventually(async () => (await dc.get('web', { namespace: 'ns' })).status?.availableReplicas === 2);

  await dc.patch('web', { spec: { paused: true } }, { namespace: 'ns', type: 'merge' });
  const paused = await eventually(async () => {
    const d = await dc.get('web', { namespace: 'ns' });
    return d.status?.conditions?.find((c) => c.type === 'Progressing')?.reason === 'DeploymentPaused' ? d : undefined;
  });
  t.match(paused.status!.conditions!.find((c) => c.type === 'Progressing'), { status: 'Unknown', message: 'Deployment is paused' });
  await dc.patch('web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'img:2' }] } } } }, { namespace: 'ns', type: 'strategic' });
  await new Promise((r) => setTimeout(r, 300));
  t.equal((await rsList()).length, 1, 'a paused Deployment does not roll out');

  await dc.patch('web', { spec: { paused: false } }, { namespace: 'ns', type: 'merge' });
  // Recreate: the old ReplicaSet goes to 0 first, then the new one to 2.
  const [old, cur] = await eventually(async () => {
    const l = await rsList();
    return l.length === 2 && l[1]!.spec!.replicas === 2 ? l : undefined;
  });
  t.equal(old!.spec!.replicas, 0);
  t.equal(cur!.metadata!.annotations!['deployment.kubernetes.io/revision'], '2');
  await readyAll();
  await eventually(async () => (await dc.get('web', { namespace: 'ns' })).status?.availableReplicas === 2);

  // kubectl rollout undo: the template of revision 1 again; its ReplicaSet becomes revision 3.
  await dc.patch('web', { spec: { template: { spec: { containers: [{ name: 'c', image: 'img:1' }] } } } }, { namespace: 'ns', type: 'strategic' });
  const back = await eventually(async () => {
    const l = await rsList();
    const first = l.find((rs) => rs.metadata!.uid === old!.metadata!.uid)!;
    return first.metadata!.annotations!['deployment.kubernetes.io/revision'] === '3' && first.spec!.replicas === 2 ? first : undefined;
  });
  t.equal(back.metadata!.annotations!['deployment.kubernetes.io/revision-history'], '1');
  t.equal((await rsList()).length, 2, 'no new ReplicaSet for a template seen before');
  await eventually(async () => (await dc.get('web', { namespace: 'ns' })).metadata!.annotations!['deployment.kubernetes.io/revision'] === '3');
});
