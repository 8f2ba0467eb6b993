import t from 'tap';
import { jobs, pods } from '../../../components/client/resource-types.js';
import { formatIndexes, jobController, parseIndexes, planJob, podBackoffRemaining, ttlAfterFinishedController, type Job } from '../../../components/controllers/job/index.js';
import type { Pod } from '../../../components/controllers/support/api-types.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

const NOW = Date.parse('2024-01-01T00:10:00Z');
const job = (spec: Partial<Job['spec']> = {}, status: Job['status'] = {}): Job => ({
  metadata: { name: 'j', namespace: 'ns', uid: 'job-uid' },
  spec: { parallelism: 1, completions: 1, backoffLimit: 6, template: { spec: { containers: [{ name: 'c' }], restartPolicy: 'Never' } }, ...spec },
  status,
});
const pod = (name: string, phase: string, o: { index?: number; finishedAt?: string; exitCode?: number; tracked?: boolean } = {}): Pod => ({
  metadata: { name, namespace: 'ns', uid: `uid-${name}`, finalizers: o.tracked === false ? [] : ['batch.kubernetes.io/job-tracking'], annotations: o.index !== undefined ? { 'batch.kubernetes.io/job-completion-index': String(o.index) } : {} },
  spec: { containers: [{ name: 'c' }] },
  status: { phase, containerStatuses: o.finishedAt || o.exitCode !== undefined ? [{ name: 'c', state: { terminated: { exitCode: o.exitCode ?? 1, finishedAt: o.finishedAt } } }] : [] },
});

t.test('indexes', async (t) => {
  t.equal(formatIndexes([5, 1, 2, 3, 7]), '1-3,5,7');
  t.same([...parseIndexes('1-3,5')], [1, 2, 3, 5]);
});

t.test('planJob', async (t) => {
  const fresh = planJob(job({ parallelism: 2, completions: 3 }), [], NOW);
  t.equal(fresh.create.length, 2, 'parallelism bounds creations');
  t.equal(fresh.status.active, 2);
  t.equal(fresh.status.startTime, '2024-01-01T00:10:00Z');

  const one = planJob(job({ parallelism: 2, completions: 3 }), [pod('a', 'Succeeded'), pod('b', 'Running')], NOW);
  t.equal(one.status.succeeded, 1);
  t.equal(one.create.length, 1, 'one more to reach completions');
  t.same(one.unfinalize.map((p) => p.metadata.name), ['a']);

  const done = planJob(job(), [pod('a', 'Succeeded')], NOW);
  t.match(done.status.conditions, [{ type: 'SuccessCriteriaMet', status: 'True' }, { type: 'Complete', status: 'True', reason: 'CompletionsReached' }]);
  t.ok(done.status.completionTime);
  t.same(done.events.map((e) => e.reason), ['Completed']);

  const backoff = planJob(job({ backoffLimit: 1 }), [pod('a', 'Failed'), pod('b', 'Failed')], NOW);
  t.match(backoff.status.conditions?.find((c) => c.type === 'Failed'), { status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' });

  const deadline = planJob(job({ activeDeadlineSeconds: 60 }, { startTime: '2024-01-01T00:00:00Z' }), [pod('a', 'Running')], NOW);
  t.match(deadline.status.conditions?.find((c) => c.type === 'Failed'), { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
  t.same(deadline.delete.map((p) => p.metadata.name), ['a'], 'active pods deleted');

  const waiting = planJob(job(), [pod('a', 'Failed', { finishedAt: '2024-01-01T00:09:55Z' })], NOW);
  t.equal(waiting.create.length, 0, 'backoff after a failure');
  t.equal(waiting.requeueAfterMs, 5000);
  t.equal(podBackoffRemaining([pod('a', 'Failed', { finishedAt: '2024-01-01T00:09:00Z' }), pod('b', 'Failed', { finishedAt: '2024-01-01T00:09:50Z' })], NOW), 10_000, '10 s doubling: 20 s after the second failure');
  t.equal(podBackoffRemaining(Array.from({ length: 10 }, (_, i) => pod(`f${i}`, 'Failed', { finishedAt: '2024-01-01T00:10:00Z' })), NOW), 360_000, 'capped at 6 min');

  const policy = { rules: [{ action: 'Ignore' as const, onExitCodes: { operator: 'In' as const, values: [42] } }, { action: 'FailJob' as const, onExitCodes: { operator: 'In' as const, values: [3] } }] };
  const ignored = planJob(job({ podFailurePolicy: policy }), [pod('a', 'Failed', { exitCode: 42 })], NOW);
  t.equal(ignored.status.failed ?? 0, 0, 'Ignore: not counted');
  const failJob = planJob(job({ podFailurePolicy: policy }), [pod('a', 'Failed', { exitCode: 3 })], NOW);
  t.match(failJob.status.conditions?.find((c) => c.type === 'Failed'), { reason: 'PodFailurePolicy', message: 'Container c for pod ns/a failed with exit code 3 matching FailJob rule at index 1' });

  const indexed = planJob(job({ completionMode: 'Indexed', completions: 4, parallelism: 2 }, { completedIndexes: '0' }), [pod('a', 'Succeeded', { index: 2 }), pod('b', 'Running', { index: 1 })], NOW);
  t.equal(indexed.status.completedIndexes, '0,2');
  t.equal(indexed.status.succeeded, 2);
  t.same(indexed.create, [{ index: 3 }], 'the lowest missing index');
});

t.test('job and ttl controllers against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  await h.run(jobController(), { serviceAccount: 'job-controller' });
  await h.run(ttlAfterFinishedController(), { serviceAccount: 'ttl-after-finished-controller' });
  const jc = h.admin.resource<Job>(jobs);
  const pc = h.admin.resource<Pod>(pods);
  const template = { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } };
  const made = await jc.create({ metadata: { name: 'work' }, spec: { completions: 2, parallelism: 1, completionMode: 'Indexed', ttlSecondsAfterFinished: 0, template } }, { namespace: 'ns' });
  const owned = async () => (await pc.list({ namespace: 'ns' })).items.filter((p) => p.metadata.ownerReferences?.[0]?.uid === made.metadata.uid);
  const first = await eventually(async () => (await owned())[0]);
  t.match(first.metadata.name, /^work-0-[a-z0-9]{5}$/);
  t.equal(first.metadata.labels?.['batch.kubernetes.io/job-name'], 'work');
  t.equal(first.metadata.labels?.['batch.kubernetes.io/controller-uid'], made.metadata.uid);
  t.equal(first.metadata.annotations?.['batch.kubernetes.io/job-completion-index'], '0');
  t.equal(first.spec.hostname, 'work-0');
  t.ok(first.metadata.finalizers?.includes('batch.kubernetes.io/job-tracking'));
  const succeed = async (p: Pod) => {
    const cur = await pc.get(p.metadata.name!, { namespace: 'ns' });
    await pc.updateStatus({ ...cur, status: { ...cur.status, phase: 'Succeeded' } }, { namespace: 'ns' });
  };
  await succeed(first);
  const second = await eventually(async () => (await owned()).find((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] === '1'));
  await succeed(second);
  // Complete, then deleted by the TTL controller (ttlSecondsAfterFinished: 0).
  const gone = await eventually(async () => {
    const j = await jc.get('work', { namespace: 'ns' }).catch((e) => (e.code === 404 ? 'gone' : undefined));
    if (j === 'gone') return 'gone';
    return j && j.metadata.deletionTimestamp && j.status?.conditions?.some((c) => c.type === 'Complete') ? j : undefined;
  });
  if (gone !== 'gone') {
    t.equal(gone.status?.succeeded, 2);
    t.equal(gone.status?.completedIndexes, '0-1');
  }
  await eventually(async () => (await owned()).every((p) => !(p.metadata.finalizers ?? []).includes('batch.kubernetes.io/job-tracking')) || undefined, 10_000, 'finalizers removed');

  const failing = await jc.create({ metadata: { name: 'fails' }, spec: { backoffLimit: 0, template } }, { namespace: 'ns' });
  const fp = await eventually(async () => (await pc.list({ namespace: 'ns' })).items.find((p) => p.metadata.ownerReferences?.[0]?.uid === failing.metadata.uid));
  t.match(fp.metadata.name, /^fails-[a-z0-9]{5}$/);
  const cur = await pc.get(fp.metadata.name!, { namespace: 'ns' });
  await pc.updateStatus({ ...cur, status: { ...cur.status, phase: 'Failed' } }, { namespace: 'ns' });
  const failed = await eventually(async () => {
    const j = await jc.get('fails', { namespace: 'ns' });
    return j.status?.conditions?.find((c) => c.type === 'Failed') ? j : undefined;
  });
  t.match(failed.status?.conditions?.find((c) => c.type === 'Failed'), { status: 'True', reason: 'BackoffLimitExceeded' });
  t.equal(failed.status?.failed, 1);
});
