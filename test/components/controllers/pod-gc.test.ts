import t from 'tap';
import { FakeClock } from '../../../components/client/fake-clock.js';
import { pods } from '../../../components/client/resource-types.js';
import { podGcController, terminatedPodsToDelete } from '../../../components/controllers/pod-gc/index.js';
import type { Pod } from '../../../components/controllers/support/api-types.js';
import { createNode, podObject, runningPod } from './fixtures.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

const pod = (name: string, created: string, phase: string, reason?: string): Pod => ({ metadata: { name, creationTimestamp: created }, spec: { containers: [] }, status: { phase, reason } });

t.test('terminatedPodsToDelete', async (t) => {
  const all = [pod('new', '2024-01-03T00:00:00Z', 'Succeeded'), pod('old', '2024-01-01T00:00:00Z', 'Failed'), pod('mid', '2024-01-02T00:00:00Z', 'Succeeded'), pod('ev', '2024-01-05T00:00:00Z', 'Failed', 'Evicted'), pod('run', '2023-01-01T00:00:00Z', 'Running')];
  t.same(terminatedPodsToDelete(all, 2).map((p) => p.metadata.name), ['ev', 'old'], 'evicted first, then oldest');
  t.same(terminatedPodsToDelete(all, 4), []);
  t.same(terminatedPodsToDelete(all, 0), [], '0 disables');
});

t.test('pod gc against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  const clock = new FakeClock(Date.now());
  await ensureNamespace(h.admin, 'ns');
  await createNode(h.admin, 'here');
  for (const name of ['t1', 't2', 't3']) {
    await runningPod(h.admin, 'ns', podObject(name, { nodeName: 'here' }), { phase: 'Succeeded' });
    await new Promise((r) => setTimeout(r, 1100)); // distinct creation seconds
  }
  await runningPod(h.admin, 'ns', podObject('orphan', { nodeName: 'gone' }), { ip: '10.0.0.1' });
  await h.run(podGcController({ terminatedPodThreshold: 2, quarantineMs: 40_000 }), { serviceAccount: 'pod-garbage-collector', clock });
  const pc = h.admin.resource<Pod>(pods);
  const names = async () => (await pc.list({ namespace: 'ns' })).items.map((p) => p.metadata.name).sort();
  await eventually(async () => !(await names()).includes('t1') || undefined, 10_000, 'oldest terminated pod deleted');
  t.same(await names(), ['orphan', 't2', 't3']);
  await clock.advance(20_000);
  await new Promise((r) => setTimeout(r, 100));
  t.ok((await names()).includes('orphan'), 'quarantined for 40 s');
  await clock.advance(25_000);
  await eventually(async () => !(await names()).includes('orphan') || undefined, 10_000, 'orphan deleted');
});
