// client-go's work queue semantics on a fake clock: dedup, one key at a time, requeue after done,
// delays, per-key exponential backoff, shutdown.
import t from 'tap';
import { FakeClock } from '../../../components/client/fake-clock.js';
import { ExponentialRateLimiter, WorkQueue } from '../../../components/client/work-queue.js';

/** Drain what is queued right now, without waiting. */
async function drain(q: WorkQueue): Promise<string[]> {
  const out: string[] = [];
  while (q.length > 0) out.push((await q.get())!);
  return out;
}

t.test('queue semantics, as a table of steps', async (t) => {
  type Step = ['add', string] | ['get', string | undefined] | ['done', string] | ['len', number];
  const cases: Array<{ name: string; steps: Step[] }> = [
    { name: 'a key queued twice is handed out once', steps: [['add', 'a'], ['add', 'b'], ['add', 'a'], ['len', 2], ['get', 'a'], ['get', 'b'], ['len', 0]] },
    {
      name: 'a key being processed is not handed out; re-added, it comes back after done',
      steps: [['add', 'a'], ['get', 'a'], ['add', 'a'], ['len', 0], ['add', 'b'], ['get', 'b'], ['done', 'a'], ['len', 1], ['get', 'a']],
    },
    { name: 'done without a re-add leaves nothing', steps: [['add', 'a'], ['get', 'a'], ['done', 'a'], ['len', 0]] },
    { name: 'added many times while processing: queued once', steps: [['add', 'a'], ['get', 'a'], ['add', 'a'], ['add', 'a'], ['done', 'a'], ['len', 1]] },
  ];
  for (const c of cases) {
    const q = new WorkQueue({ clock: new FakeClock() });
    for (const [i, step] of c.steps.entries()) {
      if (step[0] === 'add') q.add(step[1]);
      else if (step[0] === 'done') q.done(step[1]);
      else if (step[0] === 'len') t.equal(q.length, step[1], `${c.name}: step ${i} len`);
      else t.equal(await q.get(), step[1], `${c.name}: step ${i} get`);
    }
  }
});

t.test('get waits for a key; shutDown wakes waiters and hands out what is left', async (t) => {
  const q = new WorkQueue({ clock: new FakeClock() });
  const waiting = q.get();
  q.add('x');
  t.equal(await waiting, 'x');
  q.add('y');
  const idle = q.get();
  t.equal(await idle, 'y');
  const blocked = q.get();
  q.add('z');
  t.equal(await blocked, 'z');
  const never = q.get();
  q.add('w');
  q.shutDown();
  t.equal(await never, 'w');
  const last = q.get();
  t.equal(await last, undefined, 'empty and shut down');
  q.add('v');
  t.equal(q.length, 0, 'no adds after shutdown');
  t.ok(q.isShuttingDown);
  const q2 = new WorkQueue({ clock: new FakeClock() });
  const pending = q2.get();
  q2.shutDown();
  t.equal(await pending, undefined, 'a waiting get is woken by shutDown');
});

t.test('addAfter: delayed, deduplicated, the earliest wins', async (t) => {
  const clock = new FakeClock();
  const q = new WorkQueue({ clock });
  q.addAfter('a', 100);
  q.addAfter('a', 50);
  q.addAfter('a', 200);
  q.addAfter('b', 0);
  t.same(await drain(q), ['b'], 'ms ≤ 0 is an add');
  await clock.advance(49);
  t.equal(q.length, 0);
  await clock.advance(1);
  t.same(await drain(q), ['a'], 'at the earliest of the delays');
  await clock.advance(500);
  t.equal(q.length, 0, 'once');
  q.addAfter('c', 10);
  q.shutDown();
  await clock.advance(10);
  t.equal(q.length, 0, 'pending delays are dropped at shutdown');
});

t.test('addRateLimited: per-key exponential backoff, reset by forget', async (t) => {
  const clock = new FakeClock();
  const q = new WorkQueue({ clock });
  const delays: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = clock.now();
    q.addRateLimited('a');
    while (q.length === 0) await clock.advance(1);
    delays.push(clock.now() - before);
    q.done((await q.get())!);
  }
  t.same(delays, [5, 10, 20, 40, 80], '5 ms doubling');
  t.equal(q.numRequeues('a'), 5);
  q.addRateLimited('b');
  t.equal(q.numRequeues('b'), 1, 'per key');
  q.forget('a');
  t.equal(q.numRequeues('a'), 0);

  const limiter = new ExponentialRateLimiter<string>();
  const table: Array<[number, number]> = [[0, 5], [1, 10], [10, 5120], [17, 655_360], [18, 1_000_000], [40, 1_000_000]];
  for (const [failures, want] of table) {
    const l = new ExponentialRateLimiter<string>();
    for (let i = 0; i < failures; i++) l.when('k');
    t.equal(l.when('k'), want, `after ${failures} failures: ${want} ms (capped at 1000 s)`);
  }
  t.equal(limiter.when('x'), 5);
  const custom = new WorkQueue({ clock, rateLimiter: new ExponentialRateLimiter(100, 300) });
  custom.addRateLimited('k');
  custom.addRateLimited('k');
  t.equal(custom.numRequeues('k'), 2);
});
