// Conformance: Range — single keys, prefixes, limit/more/count, keys-only, count-only, past and future
// revisions, open-ended ranges, arbitrary bytes.
import { FutureRevisionError } from '../../../kine/errors.js';
import { type Case, binary, buf, prefixEnd } from './harness.js';

export function rangeCases(test: Case): void {
  test('range of a single key, and of a missing one', async (t, { b, k }) => {
    const p = await b.put(k('a'), buf('va'));
    await b.put(k('ab'), buf('not me'));
    const r = await b.range(k('a'));
    t.equal(r.kvs.length, 1, 'a single key, not the keys it prefixes');
    t.same(
      { key: r.kvs[0]!.key.toString(), value: r.kvs[0]!.value.toString(), mod: r.kvs[0]!.modRevision, lease: r.kvs[0]!.lease },
      { key: k('a').toString(), value: 'va', mod: p.revision, lease: 0n },
    );
    t.same([r.count, r.more], [1, false]);
    t.ok(r.revision >= p.revision);
    const missing = await b.range(k('zz'));
    t.same([missing.kvs, missing.count, missing.more], [[], 0, false]);
  });

  test('prefix range returns the keys in byte order, nothing outside the prefix', async (t, { b, k }) => {
    for (const s of ['p/c', 'p/a', 'p/b', 'p', 'p0', 'o/z', 'q']) await b.put(k(s), buf(s));
    const r = await b.range(k('p/'), { rangeEnd: prefixEnd(k('p/')) });
    t.same(
      r.kvs.map((kv) => kv.value.toString()),
      ['p/a', 'p/b', 'p/c'],
    );
    t.same([r.count, r.more], [3, false]);
    const desc = await b.range(k('p/'), { rangeEnd: prefixEnd(k('p/')), sortOrder: 'descend', sortTarget: 'key' });
    t.same(desc.kvs.map((kv) => kv.value.toString()), ['p/c', 'p/b', 'p/a'], 'descending by key');
  });

  test('limit: more and count describe the whole range', async (t, { b, k }) => {
    for (let i = 0; i < 5; i++) await b.put(k(`l/${i}`), buf(String(i)));
    const end = prefixEnd(k('l/'));
    const page = await b.range(k('l/'), { rangeEnd: end, limit: 2 });
    t.same([page.kvs.map((kv) => kv.value.toString()), page.more, page.count], [['0', '1'], true, 5]);
    // The apiserver's next page: the last key plus a zero byte.
    const next = await b.range(Buffer.concat([page.kvs[1]!.key, Buffer.from([0])]), { rangeEnd: end, limit: 2 });
    t.same([next.kvs.map((kv) => kv.value.toString()), next.more, next.count], [['2', '3'], true, 3]);
    const exact = await b.range(k('l/'), { rangeEnd: end, limit: 5 });
    t.same([exact.kvs.length, exact.more, exact.count], [5, false, 5]);
    const over = await b.range(k('l/'), { rangeEnd: end, limit: 50 });
    t.same([over.kvs.length, over.more, over.count], [5, false, 5]);
  });

  test('keysOnly leaves values out; countOnly returns just the count', async (t, { b, k }) => {
    for (const s of ['a', 'b', 'c']) await b.put(k(`x/${s}`), buf(`value-${s}`));
    const end = prefixEnd(k('x/'));
    const keys = await b.range(k('x/'), { rangeEnd: end, keysOnly: true });
    t.same(keys.kvs.map((kv) => kv.key.toString()), ['a', 'b', 'c'].map((s) => k(`x/${s}`).toString()));
    t.ok(keys.kvs.every((kv) => kv.value.length === 0 && kv.modRevision > 0 && kv.version === 1));
    const count = await b.range(k('x/'), { rangeEnd: end, countOnly: true });
    t.same([count.kvs, count.count, count.more], [[], 3, false]);
    const one = await b.range(k('x/a'), { countOnly: true });
    t.same([one.kvs, one.count], [[], 1], 'countOnly on a single key');
    const limited = await b.range(k('x/'), { rangeEnd: end, countOnly: true, limit: 1 });
    t.equal(limited.count, 3, 'count ignores the limit');
  });

  test('range at a past revision sees the values of then, including keys deleted since', async (t, { b, k }) => {
    const a1 = await b.put(k('a'), buf('a1'));
    const g = await b.put(k('gone'), buf('here'));
    const then = g.revision;
    await b.put(k('a'), buf('a2'));
    await b.deleteRange(k('gone'));
    await b.put(k('later'), buf('new'));

    const old = await b.range(k(''), { rangeEnd: prefixEnd(k('')), revision: then });
    t.same(
      old.kvs.map((kv) => [kv.key.subarray(k('').length).toString(), kv.value.toString()]),
      [['a', 'a1'], ['gone', 'here']],
    );
    t.equal(old.kvs[0]!.modRevision, a1.revision);
    t.ok(old.revision >= then, 'the header revision is not older than the read');
    t.equal((await b.range(k('gone'), { revision: then })).kvs[0]?.value.toString(), 'here', 'a deleted key reappears');
    t.equal((await b.range(k('later'), { revision: then })).count, 0, 'a later key is absent');
    const now = await b.range(k(''), { rangeEnd: prefixEnd(k('')) });
    t.same(now.kvs.map((kv) => kv.value.toString()), ['a2', 'new']);
  });

  test('a future revision fails with FutureRevisionError', async (t, { b, k }) => {
    const p = await b.put(k('a'), buf('x'));
    await t.rejects(b.range(k('a'), { revision: p.revision + 10 }), FutureRevisionError);
    t.equal((await b.range(k('a'), { revision: p.revision })).count, 1, 'the current revision itself is fine');
  });

  test('range end "\\0" means every key >= key', async (t, { b, k }) => {
    for (const s of ['a', 'm', 'n/1', 'z', Buffer.from([0xff, 0xff])]) await b.put(k(s), buf('v'));
    const r = await b.range(k('m'), { rangeEnd: Buffer.from([0]) });
    t.same(
      r.kvs.map((kv) => kv.key.subarray(k('').length).toString('hex')),
      ['m', 'n/1', 'z'].map((s) => Buffer.from(s).toString('hex')).concat(['ffff']),
    );
    const count = await b.range(k('m'), { rangeEnd: Buffer.from([0]), countOnly: true });
    t.equal(count.count, 4);
  });

  test('keys and values of arbitrary bytes round-trip and sort bytewise', async (t, { b, k }) => {
    const suffixes = [[0x00], [0x00, 0x00], [0xff], [0xff, 0x00], [0xc3, 0x28], [0x80], [0x7f], [0x61], [0xfe, 0xff]];
    const values = new Map<string, Buffer>();
    for (const [i, s] of suffixes.entries()) {
      const v = Buffer.concat([Buffer.from([0x00, 0xff, 0xc3, 0x28]), binary(64, i + 1)]);
      values.set(k(s).toString('hex'), v);
      await b.create(k(s), v);
    }
    const r = await b.range(k(''), { rangeEnd: prefixEnd(k('')) });
    const expected = suffixes.map((s) => k(s)).sort(Buffer.compare);
    t.same(r.kvs.map((kv) => kv.key.toString('hex')), expected.map((x) => x.toString('hex')), 'memcmp order');
    for (const kv of r.kvs) t.ok(kv.value.equals(values.get(kv.key.toString('hex'))!), `value of ${kv.key.toString('hex')}`);
    const single = await b.range(k([0xc3, 0x28]));
    t.ok(single.kvs[0]?.key.equals(k([0xc3, 0x28])), 'an invalid UTF-8 key is found as itself');
    const del = await b.deleteRange(k([0x00]), { prevKv: true });
    t.same([del.deleted, del.prevKvs[0]?.key.toString('hex')], [1, k([0x00]).toString('hex')]);
  });

  test('deleteRange: a single key and a prefix, with previous kvs', async (t, { b, k }) => {
    for (const s of ['d/1', 'd/2', 'd/3', 'e']) await b.put(k(s), buf(`v${s}`));
    const one = await b.deleteRange(k('d/1'), { prevKv: true });
    t.same([one.deleted, one.prevKvs.map((kv) => kv.value.toString())], [1, ['vd/1']]);
    const noPrev = await b.deleteRange(k('d/2'));
    t.same([noPrev.deleted, noPrev.prevKvs], [1, []], 'no previous kvs unless asked');
    await b.put(k('d/4'), buf('vd/4'));
    const prefix = await b.deleteRange(k('d/'), { rangeEnd: prefixEnd(k('d/')), prevKv: true });
    t.same([prefix.deleted, prefix.prevKvs.map((kv) => kv.value.toString())], [2, ['vd/3', 'vd/4']]);
    t.ok(prefix.revision > one.revision);
    t.same((await b.range(k(''), { rangeEnd: prefixEnd(k('')) })).kvs.map((kv) => kv.value.toString()), ['ve']);
  });
}
