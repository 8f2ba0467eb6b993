// Conformance: leases — grant, attach, time-to-live, keep-alive, revoke, expiry.
import { LeaseExistsError, LeaseNotFoundError } from '../../../kine/errors.js';
import { type Case, buf, prefixEnd, record, summary } from './harness.js';

export function leaseCases(test: Case): void {
  test('grant, attach keys, timeToLive with keys, keepAlive, leases', async (t, { b, k }) => {
    const l = await b.leaseGrant(60);
    t.equal(typeof l.id, 'bigint');
    t.ok(l.id > 0n);
    t.equal(l.ttl, 60);
    const c = await b.create(k('a'), buf('x'), { lease: l.id });
    await b.put(k('b'), buf('y'), { lease: l.id });
    await b.put(k('c'), buf('no lease'));
    t.equal(c.succeeded && c.kv.lease, l.id);
    t.equal((await b.range(k('a'))).kvs[0]!.lease, l.id, 'the full 64-bit lease id round-trips');

    const info = await b.leaseTimeToLive(l.id, { keys: true });
    t.equal(info.id, l.id);
    t.equal(info.ttl, 60);
    t.ok(info.remaining > 0 && info.remaining <= 60, `remaining ${info.remaining}`);
    t.same(info.keys?.map((key) => key.toString()).sort(), [k('a').toString(), k('b').toString()]);
    t.equal((await b.leaseTimeToLive(l.id)).keys, undefined, 'no keys unless asked');

    t.equal(await b.leaseKeepAlive(l.id), 60);
    t.same(await Promise.all([b.leaseKeepAlive(l.id), b.leaseKeepAlive(l.id)]), [60, 60], 'concurrent keep-alives');
    t.ok((await b.leaseLeases()).includes(l.id));
    await b.leaseRevoke(l.id);
  });

  test('a lease with a chosen id; granting it twice fails', async (t, { b }) => {
    const id = BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000));
    const l = await b.leaseGrant(30, id);
    t.equal(l.id, id);
    await t.rejects(b.leaseGrant(30, id), LeaseExistsError);
    await b.leaseRevoke(id);
  });

  test('revoke deletes the attached keys, with delete events', async (t, { b, k }) => {
    const l = await b.leaseGrant(60);
    await b.put(k('a'), buf('1'), { lease: l.id });
    await b.put(k('b'), buf('2'), { lease: l.id });
    await b.put(k('keep'), buf('3'));
    const w = record(b, k(''), { rangeEnd: prefixEnd(k('')), prevKv: true });
    t.teardown(w.cancel);
    const before = await b.currentRevision();
    await b.leaseRevoke(l.id);
    const events = await w.waitFor(2);
    t.same(
      summary(events, k('')).map((e) => [e.type, e.key, e.prev]).sort(),
      [['delete', 'a', '1'], ['delete', 'b', '2']],
    );
    t.ok(events.every((e) => e.kv.modRevision > before));
    t.same((await b.range(k(''), { rangeEnd: prefixEnd(k('')) })).kvs.map((kv) => kv.value.toString()), ['3']);
    const info = await b.leaseTimeToLive(l.id);
    t.equal(info.remaining, -1, 'a revoked lease is gone');
    t.notOk((await b.leaseLeases()).includes(l.id));
    await t.rejects(b.leaseRevoke(l.id), LeaseNotFoundError);
    await t.rejects(b.leaseKeepAlive(l.id), LeaseNotFoundError);
  });

  test('writes with an unknown lease fail with LeaseNotFoundError and store nothing', async (t, { b, k }) => {
    const unknown = 0x1234_5678_9abcn;
    await t.rejects(b.put(k('a'), buf('x'), { lease: unknown }), LeaseNotFoundError);
    await t.rejects(b.create(k('a'), buf('x'), { lease: unknown }), LeaseNotFoundError);
    t.equal((await b.range(k('a'))).count, 0);
    const u = await b.leaseTimeToLive(unknown);
    t.same([u.remaining], [-1]);
    await t.rejects(b.leaseKeepAlive(unknown), LeaseNotFoundError);
  });

  test('an expired lease deletes its keys', async (t, { b, k, fixture }) => {
    const l = await b.leaseGrant(1); // stores raise this to their minimum TTL
    t.ok(l.ttl >= 1);
    await b.put(k('a'), buf('short-lived'), { lease: l.id });
    await b.put(k('b'), buf('stays'));
    const w = record(b, k(''), { rangeEnd: prefixEnd(k('')), filters: ['put'] });
    t.teardown(w.cancel);
    if (fixture.advanceClock) {
      await fixture.advanceClock(l.ttl * 1000 - 500);
      t.equal((await b.range(k('a'))).count, 1, 'not before its time');
      await fixture.advanceClock(1000);
    }
    // Real time: etcd checks leases every 500 ms after the TTL.
    const events = await w.waitFor(1, l.ttl * 1000 + 8000);
    t.same(summary(events, k('')).map((e) => [e.type, e.key]), [['delete', 'a']]);
    t.same((await b.range(k(''), { rangeEnd: prefixEnd(k('')) })).kvs.map((kv) => kv.value.toString()), ['stays']);
    t.equal((await b.leaseTimeToLive(l.id)).remaining, -1);
  });
}
