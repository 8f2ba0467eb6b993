// Conformance: the writes the apiserver makes (create, update, delete compare-and-swaps), put, versions
// and revisions, request size.
import { KeyNotFoundError, RequestTooLargeError } from '../../../kine/errors.js';
import { type Case, binary, buf, record } from './harness.js';

export function kvCases(test: Case): void {
  test('create succeeds once; a second create is a result, not an error, and returns the current kv', async (t, { b, k }) => {
    const first = await b.create(k('a'), buf('v1'));
    t.equal(first.succeeded, true);
    if (!first.succeeded) return;
    t.equal(first.kv.version, 1);
    t.equal(first.kv.createRevision, first.revision);
    t.equal(first.kv.modRevision, first.revision);
    t.equal(first.kv.value.toString(), 'v1');

    const again = await b.create(k('a'), buf('v2'));
    t.equal(again.succeeded, false);
    t.ok(again.revision >= first.revision);
    t.equal(again.kv?.value.toString(), 'v1');
    t.equal(again.kv?.modRevision, first.revision);
    t.equal((await b.range(k('a'))).kvs[0]?.value.toString(), 'v1', 'the losing create wrote nothing');
  });

  test('update wins on the current mod revision and loses on a stale one', async (t, { b, k }) => {
    const c = await b.create(k('a'), buf('v1'));
    const won = await b.update(k('a'), buf('v2'), c.revision);
    t.equal(won.succeeded, true);
    if (!won.succeeded) return;
    t.ok(won.revision > c.revision);
    t.same(
      { value: won.kv.value.toString(), version: won.kv.version, create: won.kv.createRevision, mod: won.kv.modRevision },
      { value: 'v2', version: 2, create: c.revision, mod: won.revision },
    );
    t.equal(won.prevKv?.value.toString(), 'v1');

    const lost = await b.update(k('a'), buf('v3'), c.revision);
    t.equal(lost.succeeded, false);
    t.equal(lost.kv?.value.toString(), 'v2', 'a lost update returns the current state');
    t.equal(lost.kv?.modRevision, won.revision);
    t.equal(lost.kv?.version, 2);

    const zero = await b.update(k('a'), buf('v4'), 0);
    t.equal(zero.succeeded, false, 'mod revision 0 only matches a missing key');
    t.equal(zero.kv?.value.toString(), 'v2');
  });

  test('update of a missing key: loses with no kv, or creates it when the expected mod revision is 0', async (t, { b, k }) => {
    const lost = await b.update(k('missing'), buf('x'), 12345);
    t.equal(lost.succeeded, false);
    t.equal(lost.kv, undefined);
    t.same((await b.range(k('missing'))).kvs, []);

    const created = await b.update(k('missing'), buf('y'), 0);
    t.equal(created.succeeded, true, "etcd's If(mod==0) matches a key that does not exist");
    t.equal(created.kv?.version, 1);
    t.equal(created.kv?.createRevision, created.revision);
    t.equal((await b.range(k('missing'))).kvs[0]?.value.toString(), 'y');
  });

  test('delete compare-and-swap', async (t, { b, k }) => {
    const c = await b.create(k('a'), buf('v1'));
    const u = await b.update(k('a'), buf('v2'), c.revision);

    const stale = await b.delete(k('a'), c.revision);
    t.equal(stale.succeeded, false);
    t.equal(stale.kv?.value.toString(), 'v2');
    t.equal(stale.kv?.modRevision, u.revision);
    t.equal((await b.range(k('a'))).count, 1, 'still there');

    const d = await b.delete(k('a'), u.revision);
    t.equal(d.succeeded, true);
    t.ok(d.revision > u.revision);
    t.equal(d.succeeded && d.prevKv?.value.toString(), 'v2');
    t.equal(d.kv?.value.toString(), 'v2');
    t.same((await b.range(k('a'))).kvs, []);

    const gone = await b.delete(k('a'), u.revision);
    t.equal(gone.succeeded, false);
    t.equal(gone.kv, undefined, 'nothing to return for a missing key');
  });

  test('delete with mod revision 0 deletes whatever is there', async (t, { b, k }) => {
    await b.put(k('a'), buf('one'));
    await b.put(k('a'), buf('two'));
    const d = await b.delete(k('a'), 0);
    t.equal(d.succeeded, true);
    t.equal(d.succeeded && d.prevKv?.value.toString(), 'two');
    t.equal((await b.range(k('a'))).count, 0);
    const missing = await b.delete(k('a'), 0);
    t.equal(missing.succeeded, false, 'a missing key cannot be deleted');
    t.equal(missing.kv, undefined);
  });

  test('put returns the previous kv only when asked', async (t, { b, k }) => {
    const p1 = await b.put(k('a'), buf('v1'), { prevKv: true });
    t.equal(p1.prevKv, undefined, 'no previous kv for a new key');
    const p2 = await b.put(k('a'), buf('v2'), { prevKv: true });
    t.ok(p2.revision > p1.revision);
    t.same(
      { value: p2.prevKv?.value.toString(), mod: p2.prevKv?.modRevision, version: p2.prevKv?.version },
      { value: 'v1', mod: p1.revision, version: 1 },
    );
    const p3 = await b.put(k('a'), buf('v3'));
    t.equal(p3.prevKv, undefined);
    const kv = (await b.range(k('a'))).kvs[0]!;
    t.same([kv.value.toString(), kv.version, kv.createRevision, kv.modRevision], ['v3', 3, p1.revision, p3.revision]);
  });

  test('put with ignoreValue keeps the value; on a missing key it fails with KeyNotFoundError', async (t, { b, k }) => {
    await t.rejects(b.put(k('missing'), Buffer.alloc(0), { ignoreValue: true }), KeyNotFoundError);
    await b.put(k('a'), buf('kept'));
    await b.put(k('a'), Buffer.alloc(0), { ignoreValue: true });
    const kv = (await b.range(k('a'))).kvs[0]!;
    t.same([kv.value.toString(), kv.version], ['kept', 2]);
  });

  test('version counts writes since creation and starts again after delete and re-create', async (t, { b, k }) => {
    let rev = (await b.create(k('a'), buf('0'))).revision;
    for (let i = 1; i <= 4; i++) {
      const r = await b.update(k('a'), buf(String(i)), rev);
      t.equal(r.succeeded && r.kv.version, i + 1);
      rev = r.revision;
    }
    const before = (await b.range(k('a'))).kvs[0]!;
    t.same([before.version, before.modRevision], [5, rev]);
    await b.delete(k('a'), rev);
    const again = await b.create(k('a'), buf('new'));
    t.equal(again.succeeded, true);
    const after = (await b.range(k('a'))).kvs[0]!;
    t.same(
      [after.version, after.createRevision, after.modRevision],
      [1, again.revision, again.revision],
      'version resets, create revision is the new one',
    );
  });

  test('revisions increase with every write and currentRevision follows them', async (t, { b, k }) => {
    const r0 = await b.currentRevision();
    const a = await b.put(k('a'), buf('1'));
    const c = await b.create(k('b'), buf('2'));
    const d = await b.deleteRange(k('a'));
    t.ok(a.revision > r0 && c.revision > a.revision && d.revision > c.revision);
    t.equal(await b.currentRevision(), d.revision);
    const noop = await b.deleteRange(k('nothing'));
    t.equal(noop.deleted, 0);
    t.equal(noop.revision, d.revision, 'deleting nothing is not a write');
    const st = await b.status();
    t.equal(st.revision, d.revision);
    t.ok(st.dbSize > 0);
  });

  test('realistic values: hundreds of KiB of binary round-trip exactly, in reads and in watch events', async (t, { b, k }) => {
    const big = binary(700 * 1024, 7);
    const w = record(b, k('big'), { prevKv: true });
    t.teardown(w.cancel);
    const c = await b.create(k('big'), big);
    t.equal(c.succeeded, true);
    const got = (await b.range(k('big'))).kvs[0]!;
    t.equal(got.value.length, big.length);
    t.ok(got.value.equals(big), 'value is byte-for-byte the same');
    const bigger = binary(1024 * 1024, 8);
    const u = await b.update(k('big'), bigger, c.revision);
    t.equal(u.succeeded, true);
    t.ok((await b.range(k('big'))).kvs[0]!.value.equals(bigger));
    const [created, updated] = await w.waitFor(2);
    t.ok(created!.kv.value.equals(big), 'a 700 KiB event');
    t.ok(updated!.kv.value.equals(bigger) && updated!.prevKv?.value.equals(big), 'a 1 MiB event with a 700 KiB prevKv');
  });

  test('a request over the size limit fails with RequestTooLargeError and stores nothing', async (t, { b, k }) => {
    const tooBig = Buffer.alloc(1.6 * 1024 * 1024, 1); // etcd's default --max-request-bytes is 1.5 MiB
    await t.rejects(b.put(k('huge'), tooBig), RequestTooLargeError);
    await t.rejects(b.create(k('huge'), tooBig), RequestTooLargeError);
    t.equal((await b.range(k('huge'))).count, 0);
  });
}
