// The garbage collector with the Deployment and ReplicaSet controllers against a real apiserver:
// background, foreground and orphan deletion of a Deployment, and a dangling owner reference on an
// object of another kind.
import t from 'tap';
import { configMaps, deployments, pods, replicaSets } from '../../../components/client/resource-types.js';
import { deploymentController } from '../../../components/controllers/deployment/index.js';
import { garbageCollector } from '../../../components/controllers/garbage-collector/index.js';
import { replicaSetController } from '../../../components/controllers/replicaset/index.js';
import type { Deployment, Obj, Pod, ReplicaSet } from '../../../components/controllers/shared/workload-types.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

t.test('background, foreground and orphan deletion', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await h.run(replicaSetController(), { serviceAccount: 'replicaset-controller' });
  await h.run(deploymentController(), { serviceAccount: 'deployment-controller' });
  await h.run(garbageCollector(), { serviceAccount: 'generic-garbage-collector' });
  const dc = h.admin.resource<Deployment>(deployments);
  const rsc = h.admin.resource<ReplicaSet>(replicaSets);
  const pc = h.admin.resource<Pod>(pods);
  const make = async (name: string) => {
    await dc.create({
      metadata: { name, namespace: 'ns' },
      spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'img' }] } } },
    });
    await eventually(async () => (await pc.list({ namespace: 'ns', labelSelector: `app=${name}` })).items.length === 2, 10_000, `pods of ${name}`);
  };
  const count = async (name: string) => [
    (await rsc.list({ namespace: 'ns', labelSelector: `app=${name}` })).items.length,
    (await pc.list({ namespace: 'ns', labelSelector: `app=${name}` })).items.length,
  ];

  await make('bg');
  await dc.delete('bg', { namespace: 'ns', propagationPolicy: 'Background' });
  await eventually(async () => (await count('bg')).join() === '0,0', 10_000, 'background deletion');
  t.same(await count('bg'), [0, 0], 'background: the ReplicaSet and its pods are collected');

  await make('fg');
  const deleting = (await dc.delete('fg', { namespace: 'ns', propagationPolicy: 'Foreground' })) as Deployment;
  t.ok(deleting.metadata?.deletionTimestamp, 'the owner stays while its dependents go');
  t.ok(deleting.metadata?.finalizers?.includes('foregroundDeletion'));
  await eventually(async () => (await dc.get('fg', { namespace: 'ns' }).then(() => false).catch((e: { code?: number }) => e.code === 404)), 10_000, 'foreground owner gone');
  t.same(await count('fg'), [0, 0], 'foreground: dependents were deleted first');

  await make('or');
  const [rsBefore] = (await rsc.list({ namespace: 'ns', labelSelector: 'app=or' })).items;
  await dc.delete('or', { namespace: 'ns', propagationPolicy: 'Orphan' });
  await eventually(async () => (await dc.get('or', { namespace: 'ns' }).then(() => false).catch((e: { code?: number }) => e.code === 404)), 10_000, 'orphaning owner gone');
  const rs = await rsc.get(rsBefore!.metadata!.name!, { namespace: 'ns' });
  t.notOk(rs.metadata?.ownerReferences?.length, 'orphan: the ReplicaSet lost its owner reference and stays');
  await new Promise((r) => setTimeout(r, 200));
  t.same(await count('or'), [1, 2], 'orphan: the ReplicaSet and its pods remain');

  // A ConfigMap owned by a ConfigMap that is gone (a reference to a uid that never existed).
  const cms = h.admin.resource<Obj>(configMaps);
  const owner = await cms.create({ metadata: { name: 'owner', namespace: 'ns' } });
  await cms.create({ metadata: { name: 'dep', namespace: 'ns', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.metadata!.uid! }] } });
  await cms.create({ metadata: { name: 'dangling', namespace: 'ns', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'nobody', uid: '00000000-0000-0000-0000-000000000000' }] } });
  await eventually(async () => (await cms.get('dangling', { namespace: 'ns' }).then(() => false).catch((e: { code?: number }) => e.code === 404)), 10_000, 'dangling collected');
  t.ok(await cms.get('dep', { namespace: 'ns' }), 'a dependent with a live owner stays');
  await cms.delete('owner', { namespace: 'ns' });
  await eventually(async () => (await cms.get('dep', { namespace: 'ns' }).then(() => false).catch((e: { code?: number }) => e.code === 404)), 10_000, 'dep collected');
  t.equal(await cms.get('dep', { namespace: 'ns' }).then(() => 200).catch((e: { code?: number }) => e.code), 404, 'a dependent goes with its owner');
});
