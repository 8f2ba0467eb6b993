// The informer's list/watch loop against a source the test drives: bookmarks, 410 relists with the
// differences as add/update/delete, refused watches, backoff, and resync on a fake clock.
import t from 'tap';
import type { KubeObject } from '../../../components/client/client.js';
import { DeletedFinalStateUnknown, Informer } from '../../../components/client/informer.js';
import { FakeClock, flushMicrotasks } from '../../../components/client/fake-clock.js';
import { cm, FakeSource, gone } from './fake-source.js';

function recording(informer: Informer<KubeObject>) {
  const seen: string[] = [];
  informer.addEventHandler({
    add: (o, initial) => seen.push(`add ${o.metadata?.name}${initial ? ' (initial)' : ''}`),
    update: (a, b) => seen.push(`update ${b.metadata?.name} ${a.metadata?.resourceVersion}->${b.metadata?.resourceVersion}`),
    delete: (o) => seen.push(o instanceof DeletedFinalStateUnknown ? `delete ${o.key} (tombstone)` : `delete ${o.metadata?.name}`),
  });
  return seen;
}

t.test('list, then watch from the list version; bookmarks move the version the next watch starts from', async (t) => {
  const source = new FakeSource<KubeObject>();
  source.objects = [cm('a', '5'), cm('b', '6')];
  const clock = new FakeClock();
  const informer = new Informer({ source, clock, watchTimeoutSeconds: () => 300 });
  const seen = recording(informer);
  const stop = new AbortController();
  const running = informer.run(stop.signal);
  t.ok(await informer.waitForSync());
  t.same(seen, ['add a (initial)', 'add b (initial)']);
  const first = await source.watchOpened(1);
  t.match(source.watches[0]!.options, { resourceVersion: '10', allowWatchBookmarks: true, timeoutSeconds: 300 });
  t.match(source.lists[0], { limit: 500 });

  first.push('MODIFIED', cm('a', '11'));
  first.push('BOOKMARK', { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: '15' } });
  first.end(); // the server's timeout: watch again, from the bookmark, without a relist
  await source.watchOpened(2);
  t.equal(source.watches[1]!.options.resourceVersion, '15');
  t.equal(source.lists.length, 1);
  t.same(seen.slice(2), ['update a 5->11']);
  t.equal(informer.lister.get('default', 'a')?.metadata?.resourceVersion, '11');
  stop.abort();
  await running;
  t.ok(source.watches[1]!.stream.ended, 'the watch is closed when the informer stops');
});

t.test('410 as an ERROR event: relist, and deliver the differences', async (t) => {
  const source = new FakeSource<KubeObject>();
  source.objects = [cm('a', '5'), cm('b', '6'), cm('c', '7')];
  const informer = new Informer({ source, clock: new FakeClock() });
  const seen = recording(informer);
  const stop = new AbortController();
  const running = informer.run(stop.signal);
  const first = await source.watchOpened(1);
  // while the watch lagged: a deleted, b changed, c untouched, d created
  source.objects = [cm('b', '20'), cm('c', '7'), cm('d', '21')];
  source.version = '22';
  first.push('ERROR', { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } as KubeObject);
  await source.watchOpened(2);
  t.equal(source.lists.length, 2, 'relisted');
  t.same(seen.slice(3), ['update b 6->20', 'add d', 'delete default/a (tombstone)'], 'unchanged objects are not redelivered');
  t.equal(source.watches[1]!.options.resourceVersion, '22');
  t.same(informer.lister.list('default').map((o) => o.metadata?.name).sort(), ['b', 'c', 'd']);
  stop.abort();
  await running;
});

t.test('a watch refused with 410 relists at once; other failures back off (800 ms doubling)', async (t) => {
  const source = new FakeSource<KubeObject>();
  const clock = new FakeClock();
  const informer = new Informer({ source, clock });
  const stop = new AbortController();
  source.refusals = [gone()];
  const running = informer.run(stop.signal);
  await source.watchOpened(1);
  t.equal(source.lists.length, 2, 'the refused watch made it relist');

  const unavailable = { kind: 'Status', code: 500, reason: 'InternalError', message: 'boom' } as KubeObject;
  source.watches[0]!.stream.push('ERROR', unavailable);
  await flushMicrotasks();
  t.equal(source.watches.length, 1, 'waits before watching again');
  await clock.advance(799);
  t.equal(source.watches.length, 1);
  await clock.advance(1);
  await source.watchOpened(2);
  source.watches[1]!.stream.push('ERROR', unavailable);
  await clock.advance(1599);
  t.equal(source.watches.length, 2, 'the second wait is twice as long');
  await clock.advance(1);
  await source.watchOpened(3);
  t.equal(source.lists.length, 2, 'no relist for errors other than 410');
  stop.abort();
  await running;
});

t.test('resync re-delivers every cached object as an update, per handler period', async (t) => {
  const source = new FakeSource<KubeObject>();
  source.objects = [cm('a', '5'), cm('b', '6')];
  const clock = new FakeClock();
  const informer = new Informer({ source, clock, resyncPeriodMs: 30_000 });
  const seen = recording(informer);
  const slow: string[] = [];
  informer.addEventHandler({ update: (_, o) => slow.push(o.metadata!.name!) }, 60_000);
  const stop = new AbortController();
  const running = informer.run(stop.signal);
  await informer.waitForSync();
  await clock.advance(30_000);
  t.same(seen.slice(2), ['update a 5->5', 'update b 6->6']);
  t.same(slow, []);
  await clock.advance(30_000);
  t.same(seen.length, 6);
  t.same(slow, ['a', 'b']);
  stop.abort();
  await running;
});

t.test('a handler added after sync gets the cached objects; waitForSync gives up with its signal', async (t) => {
  const source = new FakeSource<KubeObject>();
  source.objects = [cm('a', '5')];
  const informer = new Informer({ source, clock: new FakeClock() });
  const never = new AbortController();
  const waiting = informer.waitForSync(never.signal);
  never.abort();
  t.equal(await waiting, false);
  const stop = new AbortController();
  const running = informer.run(stop.signal);
  await informer.waitForSync();
  const late = recording(informer);
  t.same(late, ['add a (initial)']);
  stop.abort();
  await running;
});
