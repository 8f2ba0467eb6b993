// Conformance: compaction — reads and watches below the compact revision fail, at and after it work.
import { CompactedError, FutureRevisionError } from '../../../kine/errors.js';
import { type Case, buf, prefixEnd, record } from './harness.js';

export function compactCases(test: Case): void {
  test('compact: reads below fail with CompactedError, at and after it they work', async (t, { b, k }) => {
    const old = (await b.put(k('a'), buf('a1'))).revision;
    await b.put(k('gone'), buf('g'));
    await b.put(k('a'), buf('a2'));
    await b.deleteRange(k('gone'));
    const target = (await b.put(k('b'), buf('b1'))).revision;
    await b.put(k('a'), buf('a3'));

    await b.compact(target);
    const err = await b.range(k('a'), { revision: old }).then(
      () => undefined,
      (e: unknown) => e,
    );
    t.ok(err instanceof CompactedError, 'a read below the compact revision fails');
    t.equal((err as CompactedError).compactRevision, target);
    t.equal((err as Error).message, 'etcdserver: mvcc: required revision has been compacted');
    await t.rejects(b.range(k(''), { rangeEnd: prefixEnd(k('')), revision: target - 1 }), CompactedError);

    const at = await b.range(k(''), { rangeEnd: prefixEnd(k('')), revision: target });
    t.same(at.kvs.map((kv) => kv.value.toString()), ['a2', 'b1'], 'the state at the compact revision is whole');
    const now = await b.range(k(''), { rangeEnd: prefixEnd(k('')) });
    t.same(now.kvs.map((kv) => kv.value.toString()), ['a3', 'b1']);
    t.equal(now.kvs[0]!.version, 3, 'versions survive compaction');
    t.equal((await b.status()).compactRevision, target);

    await t.rejects(b.compact(target), CompactedError, 'compacting again at the same revision');
    await t.rejects(b.compact((await b.currentRevision()) + 5), FutureRevisionError);
  });

  test('a watch from below the compact revision ends with CompactedError; from it, it replays', async (t, { b, k }) => {
    const old = (await b.put(k('w'), buf('1'))).revision;
    await b.put(k('w'), buf('2'));
    const target = (await b.put(k('w'), buf('3'))).revision;
    await b.put(k('w'), buf('4'));
    await b.compact(target);

    const below = record(b, k('w'), { startRevision: old });
    t.teardown(below.cancel);
    const err = await below.waitError();
    t.ok(err instanceof CompactedError, `error is CompactedError (${err})`);
    t.equal((err as CompactedError).compactRevision, target);
    t.equal(below.events.length, 0);

    const from = record(b, k('w'), { startRevision: target });
    t.teardown(from.cancel);
    await b.put(k('w'), buf('5'));
    t.same(
      (await from.waitFor(3)).map((e) => e.kv.value.toString()),
      ['3', '4', '5'],
      'from the compact revision itself: everything, then live',
    );
  });

  test('writes and watches go on after compacting much history', async (t, { b, k }) => {
    const w = record(b, k('n/'), { rangeEnd: prefixEnd(k('n/')) });
    t.teardown(w.cancel);
    for (let i = 0; i < 60; i++) await b.put(k(`n/${i % 3}`), buf(String(i)));
    await b.compact(await b.currentRevision());
    await b.put(k('n/0'), buf('after'));
    const events = await w.waitFor(61);
    t.equal(events.at(-1)!.kv.value.toString(), 'after');
    t.same((await b.range(k('n/'), { rangeEnd: prefixEnd(k('n/')) })).kvs.map((kv) => kv.value.toString()), ['after', '58', '59']);
  });
}
