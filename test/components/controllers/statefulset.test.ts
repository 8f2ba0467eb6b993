// The StatefulSet controller against a real apiserver, as system:serviceaccount:kube-system:statefulset-controller:
// ordered creation (web-1 only once web-0 is Ready), claims from volumeClaimTemplates, reverse
// scale-down, and a rolling update with a partition. Tests play the kubelet by writing pod status.
import t from 'tap';
import type { CoreEvent } from '../../../components/client/event-recorder.js';
import { events, persistentVolumeClaims, pods, statefulSets } from '../../../components/client/resource-types.js';
import { statefulSetController } from '../../../components/controllers/statefulset/index.js';
import type { PersistentVolumeClaim, Pod, StatefulSet } from '../../../components/controllers/workload-common/types.js';
import { ensureNamespace, eventually, markPodReady, startControllerHarness } from './harness.js';

const set = (replicas: number, partition = 0): StatefulSet => ({
  metadata: { name: 'web', namespace: 'ns' },
  spec: {
    replicas,
    serviceName: 'web',
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  },
});

t.test('StatefulSet: ordered start, claims, reverse scale-down, partitioned rolling update', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await h.run(statefulSetController(), { serviceAccount: 'statefulset-controller' });
  const sc = h.admin.resource<StatefulSet>(statefulSets);
  const pc = h.admin.resource<Pod>(pods);
  const names = async () => (await pc.list({ namespace: 'ns' })).items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata!.name!).sort();
  const pod = (name: string) => pc.get(name, { namespace: 'ns' });

  const created = await sc.create(set(3));
  const web0 = await eventually(() => pod('web-0'));
  t.same(web0.metadata?.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: created.metadata!.uid, controller: true, blockOwnerDeletion: true }]);
  t.equal(web0.metadata?.labels?.['statefulset.kubernetes.io/pod-name'], 'web-0');
  t.equal(web0.metadata?.labels?.['apps.kubernetes.io/pod-index'], '0');
  t.match(web0.metadata?.labels?.['controller-revision-hash'], /^web-[bcdfghjklmnpqrstvwxz2456789]+$/);
  t.equal(web0.spec?.hostname, 'web-0');
  t.equal(web0.spec?.subdomain, 'web');
  t.same(web0.spec?.volumes?.find((v) => v.name === 'data')?.persistentVolumeClaim, { claimName: 'data-web-0' });
  const claim = await eventually(() => h.admin.resource<PersistentVolumeClaim>(persistentVolumeClaims).get('data-web-0', { namespace: 'ns' }));
  t.same(claim.metadata?.labels, { app: 'web' });

  // OrderedReady: web-1 waits for web-0 to be Running and Ready.
  await new Promise((r) => setTimeout(r, 400));
  t.same(await names(), ['web-0'], 'web-1 is not created while web-0 is not Ready');
  await markPodReady(h.admin, web0);
  await markPodReady(h.admin, await eventually(() => pod('web-1')));
  t.same(await names(), ['web-0', 'web-1'], 'web-2 is not created before web-1 was Ready');
  await markPodReady(h.admin, await eventually(() => pod('web-2')));
  const st = await eventually(async () => {
    const s = (await sc.get('web', { namespace: 'ns' })).status;
    return s?.readyReplicas === 3 ? s : undefined;
  });
  t.equal(st.replicas, 3);
  t.equal(st.currentReplicas, 3);
  t.equal(st.updatedReplicas, 3);
  t.equal(st.availableReplicas, 3);
  t.equal(st.observedGeneration, 1);
  t.equal(st.currentRevision, web0.metadata?.labels?.['controller-revision-hash']);
  t.equal(st.updateRevision, st.currentRevision);
  t.equal(st.collisionCount, 0);
  const evs = await eventually(async () => {
    const items = (await h.admin.resource<CoreEvent>(events).list({ namespace: 'ns' })).items.filter((e) => e.reason === 'SuccessfulCreate' && e.message.includes(' Pod '));
    return items.length >= 3 ? items : undefined;
  });
  t.ok(evs.some((e) => e.message === 'create Pod web-0 in StatefulSet web successful' && e.source.component === 'statefulset-controller'));

  // Scale down to 1: web-2 goes before web-1.
  const seen: string[][] = [];
  await sc.patch('web', { spec: { replicas: 1 } }, { namespace: 'ns', type: 'merge' });
  await eventually(async () => {
    const n = await names();
    seen.push(n);
    return n.length === 1;
  });
  t.same(await names(), ['web-0']);
  t.notOk(seen.some((n) => n.includes('web-2') && !n.includes('web-1')), 'never web-2 without web-1');
  t.ok(await h.admin.resource<PersistentVolumeClaim>(persistentVolumeClaims).get('data-web-2', { namespace: 'ns' }), 'claims are retained by default');

  // Back to 3 (claims reused), then a rolling update with partition 1: web-2 then web-1, web-0 stays.
  const kubelet = setInterval(() => {
    void pc.list({ namespace: 'ns' }).then(async (l) => {
      for (const p of l.items) if (!p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') && !p.metadata?.deletionTimestamp) await markPodReady(h.admin, p).catch(() => undefined);
    });
  }, 50);
  t.teardown(() => clearInterval(kubelet));
  await sc.patch('web', { spec: { replicas: 3 } }, { namespace: 'ns', type: 'merge' });
  await eventually(async () => (await sc.get('web', { namespace: 'ns' })).status?.readyReplicas === 3, 15_000, '3 ready replicas');
  const oldRevision = st.currentRevision;
  await sc.patch(
    'web',
    { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }, template: { metadata: { labels: { app: 'web', v: '2' } } } } },
    { namespace: 'ns', type: 'merge' },
  );
  const rolled = await eventually(
    async () => {
      const s = (await sc.get('web', { namespace: 'ns' })).status;
      return s?.updatedReplicas === 2 && s.readyReplicas === 3 && s.observedGeneration === 4 ? s : undefined;
    },
    15_000,
    'two updated replicas',
  );
  t.not(rolled.updateRevision, oldRevision);
  t.equal(rolled.currentRevision, oldRevision, 'the partition keeps the rollout from completing');
  t.equal(rolled.currentReplicas, 1);
  t.equal((await pod('web-0')).metadata?.labels?.['controller-revision-hash'], oldRevision);
  t.equal((await pod('web-1')).metadata?.labels?.['controller-revision-hash'], rolled.updateRevision);
  t.equal((await pod('web-2')).metadata?.labels?.v, '2');
});
