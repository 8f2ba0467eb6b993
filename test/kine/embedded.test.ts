// The embedded SQLite backend: the conformance suite in memory and on a file, then what only a
// file-backed store has (reopening, locking, corrupt files) and its own limits.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { EmbeddedBackend, type EmbeddedOptions } from '../../kine/embedded-backend.js';
import { RequestTooLargeError, StoreOpenError } from '../../kine/errors.js';
import { type BackendFixture, conformance } from './conformance.js';

const dir = await mkdtemp(join(tmpdir(), 'k8ts-embedded-'));
t.teardown(() => rm(dir, { recursive: true, force: true }));

let files = 0;
const buf = (s: string) => Buffer.from(s);

/** A backend with a fake clock and no lease timer: tests move time themselves. */
function open(path: string, extra: Partial<EmbeddedOptions> = {}) {
  const clock = { ms: 1_700_000_000_000, now: () => clock.ms };
  const backend = new EmbeddedBackend({ path, clock, leaseCheckIntervalMs: 0, fsync: false, ...extra });
  const fixture: BackendFixture = {
    backend,
    cleanup: () => backend.close(),
    async advanceClock(ms) {
      clock.ms += ms;
      await backend.expireLeases();
    },
  };
  return fixture;
}

await conformance(t, 'embedded :memory:', async () => open(':memory:'));
await conformance(t, 'embedded file', async () => open(join(dir, `conformance-${++files}.db`)));

t.test('reopening a file keeps every key, and revisions go on increasing', async (t) => {
  const path = join(dir, 'reopen.db');
  const first = new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 });
  for (let i = 0; i < 20; i++) await first.put(buf(`/k/${i}`), buf(`v${i}`));
  await first.deleteRange(buf('/k/3'));
  const rev = await first.currentRevision();
  await first.close();

  const second = new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 });
  t.teardown(() => second.close());
  t.equal(await second.currentRevision(), rev);
  const all = await second.range(buf('/k/'), { rangeEnd: buf('/k0') });
  t.equal(all.count, 19);
  t.equal((await second.range(buf('/k/7'))).kvs[0]?.value.toString(), 'v7');
  const next = await second.put(buf('/k/new'), buf('x'));
  t.equal(next.revision, rev + 1);
  t.equal((await second.range(buf('/k/3'), { revision: rev - 1 })).kvs[0]?.value.toString(), 'v3', 'history too');
});

t.test('a file open in one store cannot be opened by another', async (t) => {
  const path = join(dir, 'locked.db');
  const first = new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 });
  t.teardown(() => first.close());
  await first.put(buf('/a'), buf('1'));
  t.throws(() => new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 }), StoreOpenError);
  try {
    new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 });
  } catch (err) {
    t.match((err as Error).message, /in use by another process/, 'the message says why');
  }
  t.equal((await first.range(buf('/a'))).count, 1, 'the first store is unharmed');
});

t.test('a corrupt file fails with StoreOpenError and is left untouched', async (t) => {
  const path = join(dir, 'corrupt.db');
  const garbage = Buffer.alloc(64 * 1024);
  for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) & 0xff;
  await writeFile(path, garbage);
  t.throws(() => new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 }), StoreOpenError);
  try {
    new EmbeddedBackend({ path, leaseCheckIntervalMs: 0 });
  } catch (err) {
    t.match((err as Error).message, /not a valid k8ts database/);
  }
  t.ok((await readFile(path)).equals(garbage), 'byte-for-byte unchanged');
});

t.test('a value over maxRequestBytes fails with RequestTooLargeError and stores nothing', async (t) => {
  const { backend } = open(':memory:', { maxRequestBytes: 1024 });
  t.teardown(() => backend.close());
  const before = await backend.currentRevision();
  const err = await backend.put(buf('/big'), Buffer.alloc(2000)).catch((e: unknown) => e);
  t.ok(err instanceof RequestTooLargeError);
  t.match((err as RequestTooLargeError).message, /request is too large \(2004 bytes > limit 1024 bytes\)/);
  await t.rejects(backend.create(buf('/big'), Buffer.alloc(2000)), RequestTooLargeError);
  await t.rejects(
    backend.txn({ compare: [], success: [{ put: { key: buf('/big'), value: Buffer.alloc(2000) } }], failure: [] }),
    RequestTooLargeError,
  );
  t.equal((await backend.range(buf('/big'))).count, 0);
  t.equal(await backend.currentRevision(), before);
  t.equal((await backend.put(buf('/small'), Buffer.alloc(1000))).revision, before + 1, 'under the limit is fine');
});

t.test('group commit: 200 concurrent creates all succeed with distinct consecutive revisions', async (t) => {
  const { backend } = open(join(dir, 'group.db'));
  t.teardown(() => backend.close());
  const start = await backend.currentRevision();
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) => backend.create(buf(`/g/${String(i).padStart(3, '0')}`), buf(`v${i}`))),
  );
  t.ok(results.every((r) => r.succeeded));
  const revs = results.map((r) => r.revision).sort((a, b) => a - b);
  t.same(revs, Array.from({ length: 200 }, (_, i) => start + 1 + i));
  t.equal((await backend.range(buf('/g/'), { rangeEnd: buf('/g0'), countOnly: true })).count, 200);
  const losers = await Promise.all(Array.from({ length: 20 }, () => backend.create(buf('/g/000'), buf('again'))));
  t.ok(losers.every((r) => !r.succeeded && r.kv?.value.toString() === 'v0'), 'racing creates of one key all lose');
});

t.test('lease expiry follows the injected clock', async (t) => {
  const { backend, advanceClock } = open(':memory:');
  t.teardown(() => backend.close());
  const l = await backend.leaseGrant(10);
  await backend.put(buf('/lease/a'), buf('x'), { lease: l.id });
  await advanceClock!(6_000);
  t.equal((await backend.leaseTimeToLive(l.id)).remaining, 4);
  t.equal(await backend.leaseKeepAlive(l.id), 10, 'keep-alive renews to the full TTL');
  await advanceClock!(9_000);
  t.equal((await backend.range(buf('/lease/a'))).count, 1, 'kept alive');
  await advanceClock!(1_000);
  t.equal((await backend.range(buf('/lease/a'))).count, 0, 'expired 10 s after the keep-alive');
  t.equal((await backend.leaseTimeToLive(l.id)).remaining, -1);
  t.same(await backend.leaseLeases(), []);
});
