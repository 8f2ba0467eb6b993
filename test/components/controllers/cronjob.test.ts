import t from 'tap';
import { FakeClock } from '../../../components/client/fake-clock.js';
import { cronJobs, jobs } from '../../../components/client/resource-types.js';
import { cronJobController, jobNameFor, mostRecentScheduleTime, parseCronSchedule, rfc3339InZone, type CronJob } from '../../../components/controllers/cronjob/index.js';
import type { Job } from '../../../components/controllers/job/index.js';
import { ensureNamespace, eventually, startControllerHarness } from './harness.js';

const at = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString();

t.test('parseCronSchedule', async (t) => {
  const next = (spec: string, from: string, tz?: string) => iso(parseCronSchedule(spec, tz).next(at(from)));
  const cases: Array<[string, string, string, string?]> = [
    ['* * * * *', '2024-01-01T00:00:30Z', '2024-01-01T00:01:00.000Z'],
    ['*/15 * * * *', '2024-01-01T00:16:00Z', '2024-01-01T00:30:00.000Z'],
    ['0 9-17/4 * * *', '2024-01-01T10:00:00Z', '2024-01-01T13:00:00.000Z'],
    ['30 2 1,15 * *', '2024-01-02T00:00:00Z', '2024-01-15T02:30:00.000Z'],
    ['0 0 * jan,JUL *', '2024-02-01T00:00:00Z', '2024-07-01T00:00:00.000Z'],
    ['0 12 * * mon-fri', '2024-01-06T00:00:00Z', '2024-01-08T12:00:00.000Z'],
    ['0 0 13 * fri', '2024-01-01T00:00:00Z', '2024-01-05T00:00:00.000Z'],
    ['5/20 * * * *', '2024-01-01T00:06:00Z', '2024-01-01T00:25:00.000Z'],
    ['@hourly', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00.000Z'],
    ['@daily', '2024-01-01T00:00:00Z', '2024-01-02T00:00:00.000Z'],
    ['@weekly', '2024-01-01T00:00:00Z', '2024-01-07T00:00:00.000Z'],
    ['@monthly', '2024-01-01T00:00:00Z', '2024-02-01T00:00:00.000Z'],
    ['@yearly', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['@annually', '2024-06-01T00:00:00Z', '2025-01-01T00:00:00.000Z'],
    ['0 0 29 2 *', '2024-03-01T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['0 9 * * *', '2024-01-01T00:00:00Z', '2024-01-01T08:00:00.000Z', 'Europe/Paris'],
    ['TZ=America/New_York 0 9 * * *', '2024-07-01T00:00:00Z', '2024-07-01T13:00:00.000Z'],
  ];
  for (const [spec, from, want, tz] of cases) t.equal(next(spec, from, tz), want, `${spec}${tz ? ` in ${tz}` : ''}`);
  for (const bad of ['* * * *', '60 * * * *', '* 24 * * *', '0 0 0 * *', '* * * 13 *', 'a * * * *', '*/0 * * * *', '5-1 * * * *', '@often']) {
    t.throws(() => parseCronSchedule(bad), { name: 'CronParseError' }, bad);
  }
  t.throws(() => parseCronSchedule('* * * * *', 'Mars/Olympus'), { name: 'CronParseError' });
  t.equal(rfc3339InZone(at('2024-01-01T08:00:00Z'), 'Europe/Paris'), '2024-01-01T09:00:00+01:00');
});

t.test('mostRecentScheduleTime and job names', async (t) => {
  const every = parseCronSchedule('* * * * *');
  t.same(mostRecentScheduleTime(every, { earliestMs: at('2024-01-01T00:00:00Z'), nowMs: at('2024-01-01T00:00:30Z') }), { missed: 0, nextMs: at('2024-01-01T00:01:00Z') });
  t.same(mostRecentScheduleTime(every, { earliestMs: at('2024-01-01T00:00:00Z'), nowMs: at('2024-01-01T00:01:30Z') }), { scheduledMs: at('2024-01-01T00:01:00Z'), missed: 1, nextMs: at('2024-01-01T00:02:00Z') });
  const many = mostRecentScheduleTime(every, { earliestMs: at('2024-01-01T00:00:00Z'), nowMs: at('2024-01-01T03:00:30Z') });
  t.equal(many.missed, 180, 'more than 100 missed');
  t.equal(many.scheduledMs, at('2024-01-01T03:00:00Z'), 'starts from the most recent');
  const bounded = mostRecentScheduleTime(every, { earliestMs: at('2024-01-01T00:00:00Z'), nowMs: at('2024-01-01T03:00:30Z'), startingDeadlineSeconds: 120 });
  t.equal(bounded.missed, 2, 'startingDeadlineSeconds bounds the look-back');
  t.equal(jobNameFor('backup', at('2024-01-01T00:01:00Z')), 'backup-28401121');
});

t.test('cronjob controller against the apiserver', async (t) => {
  const h = await startControllerHarness();
  t.teardown(() => h.close());
  await ensureNamespace(h.admin, 'ns');
  const clock = new FakeClock(Date.now());
  await h.run(cronJobController(), { serviceAccount: 'cronjob-controller', clock });
  const cjc = h.admin.resource<CronJob>(cronJobs);
  const jc = h.admin.resource<Job>(jobs);
  const template = { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } } } };
  const cj = await cjc.create({ metadata: { name: 'tick' }, spec: { schedule: '* * * * *', concurrencyPolicy: 'Forbid', jobTemplate: template } }, { namespace: 'ns' });
  const advance = async (ms: number) => {
    await clock.advance(ms);
    await new Promise((r) => setTimeout(r, 50));
  };
  await advance(61_000);
  const owned = async () => (await jc.list({ namespace: 'ns' })).items.filter((j) => j.metadata.ownerReferences?.[0]?.uid === cj.metadata.uid);
  const first = await eventually(async () => (await owned())[0]);
  const minute = Math.floor(clock.now() / 60_000);
  t.match(first.metadata.name, new RegExp(`^tick-(${minute}|${minute - 1})$`));
  t.match(first.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp'], /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/);
  const status = await eventually(async () => {
    const c = await cjc.get('tick', { namespace: 'ns' });
    return c.status?.active?.length === 1 && c.status.lastScheduleTime ? c.status : undefined;
  });
  t.equal(status.active![0]!.name, first.metadata.name);

  await advance(60_000);
  await new Promise((r) => setTimeout(r, 200));
  t.equal((await owned()).length, 1, 'Forbid: no second job while the first runs');

  // The job completes; the next minute starts another.
  const done = await jc.get(first.metadata.name!, { namespace: 'ns' });
  const now = new Date(clock.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  await jc.updateStatus({ ...done, status: { startTime: now, completionTime: now, succeeded: 1, conditions: [{ type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: now }, { type: 'Complete', status: 'True', lastTransitionTime: now }] } }, { namespace: 'ns' });
  await eventually(async () => (await cjc.get('tick', { namespace: 'ns' })).status?.lastSuccessfulTime, 10_000, 'lastSuccessfulTime');
  await advance(60_000);
  await eventually(async () => (await owned()).length === 2 || undefined, 10_000, 'a second job');
});
