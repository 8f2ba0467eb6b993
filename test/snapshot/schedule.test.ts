// Cron parsing, next-run times, the scheduler's run-and-prune, and retention by name.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { nextRun, parseCron } from '../../kine/snapshot/cron.js';
import { CronSyntaxError } from '../../kine/snapshot/errors.js';
import { pruneSnapshots } from '../../kine/snapshot/local-files.js';
import { SnapshotScheduler } from '../../kine/snapshot/scheduler.js';

const at = (s: string) => new Date(s); // local time

t.test('next run', async (t) => {
  const cases: Array<[string, string, string]> = [
    ['0 */12 * * *', '2024-03-01T05:30:00', '2024-03-01T12:00:00'],
    ['0 */12 * * *', '2024-03-01T12:00:00', '2024-03-02T00:00:00'],
    ['*/5 * * * *', '2024-03-01T05:31:10', '2024-03-01T05:35:00'],
    ['30 2 * * 0', '2024-03-01T00:00:00', '2024-03-03T02:30:00'], // Sunday
    ['0 0 1 * *', '2024-03-15T00:00:00', '2024-04-01T00:00:00'],
    ['0 0 1,15 2 *', '2024-03-15T00:00:00', '2025-02-01T00:00:00'],
    ['15 10-12/2 * * 1-5', '2024-03-01T11:00:00', '2024-03-01T12:15:00'],
    ['0 0 13 * 5', '2024-03-01T00:00:00', '2024-03-08T00:00:00'], // Friday or the 13th
    ['0 0 * * 7', '2024-03-01T00:00:00', '2024-03-03T00:00:00'],
  ];
  for (const [expr, from, want] of cases) {
    t.equal(nextRun(parseCron(expr), at(from))?.getTime(), at(want).getTime(), `${expr} after ${from}`);
  }
  for (const bad of ['* * * *', '60 * * * *', 'a * * * *', '*/0 * * * *', '5-1 * * * *', '* * 0 * *']) {
    t.throws(() => parseCron(bad), CronSyntaxError, bad);
  }
});

t.test('retention keeps the newest N of this node\'s scheduled snapshots', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-prune-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const n of ['k8ts-snapshot-n1-100', 'k8ts-snapshot-n1-300', 'k8ts-snapshot-n1-200', 'k8ts-snapshot-n1-50', 'manual-n1-10', 'k8ts-snapshot-n2-1']) {
    writeFileSync(join(dir, n), '');
  }
  t.same(pruneSnapshots(dir, 'k8ts-snapshot-n1-', 2).sort(), ['k8ts-snapshot-n1-100', 'k8ts-snapshot-n1-50']);
  t.same(readdirSync(dir).sort(), ['k8ts-snapshot-n1-200', 'k8ts-snapshot-n1-300', 'k8ts-snapshot-n2-1', 'manual-n1-10']);
});

t.test('the scheduler fires at the next matching minute, takes, prunes, and re-arms', async (t) => {
  let now = at('2024-03-01T11:59:30');
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const taken: string[] = [];
  let pruned = 0;
  const s = new SnapshotScheduler({
    schedule: '0 */12 * * *',
    take: async () => {
      taken.push(now.toISOString());
      return 'x';
    },
    prune: () => {
      pruned++;
      return [];
    },
    now: () => now,
    setTimer: (fn, ms) => (timers.push({ fn, ms }), {}),
    clearTimer: () => undefined,
  });
  s.start();
  t.equal(timers[0]!.ms, 30_000);
  now = at('2024-03-01T12:00:00');
  timers[0]!.fn();
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  t.equal(taken.length, 1);
  t.equal(pruned, 1);
  t.equal(timers.length, 2, 're-armed');
  t.equal(timers[1]!.ms, 12 * 3600 * 1000);
  await s.stop();
});

t.test('the server\'s snapshot service answers `k8ts snapshot save` on its control socket', async (t) => {
  const { EmbeddedBackend } = await import('../../kine/embedded-backend.js');
  const { startServerSnapshots } = await import('../../kine/snapshot/server-snapshots.js');
  const { requestSnapshot } = await import('../../kine/snapshot/control-socket.js');
  const { openSnapshot } = await import('../../kine/snapshot/format.js');
  const { ensureServerToken } = await import('../../kine/snapshot/server-token.js');
  const { mkdirSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-svc-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'db'));
  mkdirSync(join(dir, 'tls'));
  writeFileSync(join(dir, 'tls', 'server-ca.key'), 'k');
  const backend = new EmbeddedBackend({ path: join(dir, 'db', 'state.db'), fsync: false, leaseCheckIntervalMs: 0 });
  await backend.put(Buffer.from('/a'), Buffer.from('1'));
  const token = ensureServerToken(dir);
  t.equal(ensureServerToken(dir), token, 'the token is kept');
  const svc = await startServerSnapshots({ dataDir: dir, backend, token, node: 'n1', schedule: '0 */12 * * *', retention: 5 });
  t.ok(svc.scheduler?.next());
  const r = await requestSnapshot(svc.socketPath, { name: 'manual' });
  t.match(r?.path, /db\/snapshots\/manual-n1-\d+$/);
  t.equal((await openSnapshot(r!.path)).header.revision, 1);
  t.ok(r!.secrets, 'the TLS files are sealed in it');
  await svc.close();
  await backend.close();
  t.equal(await requestSnapshot(join(dir, 'nothing.sock'), {}), undefined, 'no server: undefined');
});
