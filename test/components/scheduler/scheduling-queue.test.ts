import t from 'tap';
import { SchedulingQueue } from '../../../components/scheduler/queue/scheduling-queue.js';

t.test('priority first, then arrival', async (t) => {
  let now = 0;
  const q = new SchedulingQueue(() => now);
  q.add('ns/low', 0);
  now = 1;
  q.add('ns/high', 100);
  now = 2;
  q.add('ns/low2', 0);
  q.add('ns/low', 0);
  t.equal((await q.pop())!.key, 'ns/high');
  t.equal((await q.pop())!.key, 'ns/low');
  t.equal((await q.pop())!.key, 'ns/low2');
});

t.test('backoff doubles from 1 s to 10 s', async (t) => {
  t.same([1, 2, 3, 4, 5, 6].map(SchedulingQueue.backoffMs), [1000, 2000, 4000, 8000, 10000, 10000]);
  let now = 0;
  const q = new SchedulingQueue(() => now);
  q.add('ns/p', 0);
  const info = (await q.pop())!;
  q.failed(info, false);
  t.same(q.sizes(), { active: 0, backoff: 1, unschedulable: 0 });
  now = 999;
  q.flush();
  t.same(q.sizes(), { active: 0, backoff: 1, unschedulable: 0 });
  now = 1000;
  q.flush();
  const again = (await q.pop())!;
  t.equal(again.attempts, 1);
  q.failed(again, false);
  now = 2999;
  q.flush();
  t.equal(q.sizes().backoff, 1, 'the second failure waits 2 s');
});

t.test('unschedulable pods wait for a cluster event or five minutes', async (t) => {
  let now = 0;
  const q = new SchedulingQueue(() => now);
  q.add('ns/a', 0);
  q.add('ns/b', 0);
  q.failed((await q.pop())!, true);
  q.failed((await q.pop())!, true);
  t.same(q.sizes(), { active: 0, backoff: 0, unschedulable: 2 });
  q.add('ns/a', 0);
  t.equal(q.sizes().unschedulable, 2, 'a re-add of a parked pod does nothing');
  now = 5000;
  q.moveAllToActiveOrBackoff();
  q.flush();
  t.same(q.sizes(), { active: 2, backoff: 0, unschedulable: 0 }, 'their 1 s backoff had passed');
  q.failed((await q.pop())!, true);
  now = 5000 + 5 * 60_000;
  q.flush();
  t.equal(q.sizes().unschedulable, 0, 'flushed after five minutes');
});

t.test('a pod being scheduled is not handed out twice; pop waits for work', async (t) => {
  const q = new SchedulingQueue(() => 0);
  const waiting = q.pop();
  q.add('ns/x', 0);
  t.equal((await waiting)!.key, 'ns/x');
  q.add('ns/x', 0);
  t.same(q.sizes(), { active: 0, backoff: 0, unschedulable: 0 }, 'in flight: not queued again');
  q.done('ns/x');
  q.add('ns/x', 0);
  t.equal(q.sizes().active, 1);
  q.delete('ns/x');
  t.equal(q.sizes().active, 0);
  const closed = q.pop();
  q.close();
  t.equal(await closed, undefined);
});
