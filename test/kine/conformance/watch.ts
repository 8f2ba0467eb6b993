// Conformance: Watch — live events, previous kvs, replay from a past revision, prefixes, filters, cancel.
import { type Case, buf, prefixEnd, record, summary } from './harness.js';

export function watchCases(test: Case): void {
  test('live puts and deletes, with previous kvs when asked', async (t, { b, k }) => {
    await b.put(k('before'), buf('x')); // the watch starts after this
    const w = record(b, k('w/'), { rangeEnd: prefixEnd(k('w/')), prevKv: true });
    t.teardown(w.cancel);
    const c = await b.create(k('w/a'), buf('v1'));
    const u = await b.update(k('w/a'), buf('v2'), c.revision);
    const d = await b.delete(k('w/a'), u.revision);
    const events = await w.waitFor(3);
    t.same(summary(events, k('')), [
      { type: 'put', key: 'w/a', value: 'v1', rev: c.revision, prev: undefined },
      { type: 'put', key: 'w/a', value: 'v2', rev: u.revision, prev: 'v1' },
      { type: 'delete', key: 'w/a', value: '', rev: d.revision, prev: 'v2' },
    ]);
    const [created, updated, deleted] = events as [(typeof events)[0], (typeof events)[0], (typeof events)[0]];
    t.same([created.kv.version, created.kv.createRevision], [1, c.revision]);
    t.same([updated.kv.version, updated.kv.createRevision, updated.prevKv?.modRevision], [2, c.revision, c.revision]);
    t.same(
      [deleted.kv.version, deleted.kv.createRevision, deleted.prevKv?.version, deleted.prevKv?.modRevision],
      [0, 0, 2, u.revision],
      'a delete event carries the key and revision only; prevKv holds the deleted state',
    );
    t.ok(w.batchRevisions.every((r, i) => i === 0 || r > w.batchRevisions[i - 1]!), 'batch revisions ascend');
    t.equal(w.error, undefined);
  });

  test('no previous kvs unless asked', async (t, { b, k }) => {
    await b.put(k('a'), buf('v0'));
    const w = record(b, k('a'));
    t.teardown(w.cancel);
    await b.put(k('a'), buf('v1'));
    await b.deleteRange(k('a'));
    const events = await w.waitFor(2);
    t.same(summary(events, k('')).map((e) => [e.type, e.value, e.prev]), [['put', 'v1', undefined], ['delete', '', undefined]]);
  });

  test('a watch from a past revision includes that revision and goes on live, no gaps or duplicates', async (t, { b, k }) => {
    const revs: number[] = [];
    for (let i = 1; i <= 4; i++) revs.push((await b.put(k('h'), buf(`v${i}`))).revision);
    await b.put(k('other'), buf('not watched'));
    const w = record(b, k('h'), { startRevision: revs[1] });
    t.teardown(w.cancel);
    await w.waitFor(3);
    for (let i = 5; i <= 6; i++) revs.push((await b.put(k('h'), buf(`v${i}`))).revision);
    const events = await w.waitFor(5);
    t.same(
      events.map((e) => [e.kv.value.toString(), e.kv.modRevision]),
      revs.slice(1).map((r, i) => [`v${i + 2}`, r]),
      'v2 (the start revision) through v6, each once',
    );
    t.same(events.map((e) => e.kv.version), [2, 3, 4, 5, 6]);
  });

  test('a watch from a past revision replays deletes and creates with their previous kvs', async (t, { b, k }) => {
    const start = (await b.put(k('r/a'), buf('a1'))).revision;
    await b.put(k('r/a'), buf('a2'));
    await b.deleteRange(k('r/a'));
    await b.put(k('r/a'), buf('a3'));
    const w = record(b, k('r/'), { rangeEnd: prefixEnd(k('r/')), startRevision: start, prevKv: true });
    t.teardown(w.cancel);
    t.same(summary(await w.waitFor(4), k('')).map((e) => [e.type, e.value, e.prev]), [
      ['put', 'a1', undefined],
      ['put', 'a2', 'a1'],
      ['delete', '', 'a2'],
      ['put', 'a3', undefined],
    ]);
  });

  test('a prefix watch ignores keys outside the prefix; a key watch ignores keys it prefixes', async (t, { b, k }) => {
    const p = record(b, k('p/'), { rangeEnd: prefixEnd(k('p/')) });
    const one = record(b, k('p/1'));
    t.teardown(p.cancel);
    t.teardown(one.cancel);
    await b.put(k('p'), buf('outside'));
    await b.put(k('p0'), buf('outside'));
    await b.put(k('p/1'), buf('in'));
    await b.put(k('p/10'), buf('in'));
    await b.put(k('q'), buf('outside'));
    await b.put(k('p/2'), buf('in'));
    t.same(summary(await p.waitFor(3), k('')).map((e) => e.key), ['p/1', 'p/10', 'p/2']);
    t.same(summary(await one.waitFor(1), k('')).map((e) => e.key), ['p/1']);
    t.equal(one.events.length, 1);
    t.equal(p.events.length, 3);
  });

  test('filters drop puts or deletes', async (t, { b, k }) => {
    const range = { rangeEnd: prefixEnd(k('f/')) };
    const noPut = record(b, k('f/'), { ...range, filters: ['put'] });
    const noDelete = record(b, k('f/'), { ...range, filters: ['delete'] });
    const all = record(b, k('f/'), range);
    t.teardown(() => [noPut, noDelete, all].forEach((w) => w.cancel()));
    await b.put(k('f/a'), buf('1'));
    await b.put(k('f/b'), buf('2'));
    await b.deleteRange(k('f/a'));
    await b.put(k('f/c'), buf('3'));
    await all.waitFor(4);
    t.same(summary(await noPut.waitFor(1), k('')).map((e) => [e.type, e.key]), [['delete', 'f/a']]);
    t.same(summary(await noDelete.waitFor(3), k('')).map((e) => [e.type, e.key]), [['put', 'f/a'], ['put', 'f/b'], ['put', 'f/c']]);
  });

  test('a watch from a future revision waits for it', async (t, { b, k }) => {
    const now = await b.currentRevision();
    const w = record(b, k('fut'), { startRevision: now + 2 });
    t.teardown(w.cancel);
    await b.put(k('fut'), buf('early'));
    const r = await b.put(k('fut'), buf('on time'));
    t.equal(r.revision, now + 2);
    t.same(summary(await w.waitFor(1), k('')).map((e) => e.value), ['on time']);
  });

  test('cancel stops delivery', async (t, { b, k }) => {
    const w = record(b, k('c'));
    const sentinel = record(b, k('s'));
    t.teardown(sentinel.cancel);
    await b.put(k('c'), buf('1'));
    await w.waitFor(1);
    w.cancel();
    await b.put(k('c'), buf('2'));
    await b.put(k('s'), buf('done'));
    await sentinel.waitFor(1);
    t.equal(w.events.length, 1, 'nothing after cancel');
    t.equal(w.error, undefined, 'cancel is not an error');
  });

  test('many watchers each get every event once, in order', async (t, { b, k }) => {
    const watchers = Array.from({ length: 8 }, () => record(b, k('m/'), { rangeEnd: prefixEnd(k('m/')) }));
    t.teardown(() => watchers.forEach((w) => w.cancel()));
    const writes = await Promise.all(Array.from({ length: 50 }, (_, i) => b.put(k(`m/${i % 5}`), buf(String(i)))));
    const expected = writes.map((w) => w.revision).sort((x, y) => x - y);
    for (const w of watchers) {
      const got = (await w.waitFor(50)).map((e) => e.kv.modRevision);
      t.same(got, expected);
    }
  });
}
