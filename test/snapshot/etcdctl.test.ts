// Stock `etcdctl snapshot save` against `k8ts kine`, then `k8ts snapshot restore` of the file it wrote.
// etcdctl checks etcd's SHA-256 trailer and writes the file; `etcdctl snapshot status` cannot read it
// (it is SQLite, not bbolt) and says so in its own words.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { K8TS, startKine } from '../helpers/kine-process.js';

const run = promisify(execFile);
const ETCDCTL = '/usr/bin/etcdctl';

if (!existsSync(ETCDCTL)) {
  t.plan(0, 'etcdctl is not installed: apt-get install etcd-client (hack/test.sh does this as root)');
} else {
  t.test('etcdctl snapshot save, then k8ts snapshot restore', async (t) => {
    const kine = await startKine();
    t.teardown(() => kine.stop());
    const env = { ...process.env, ETCDCTL_API: '3' };
    const ctl = (args: string[]) => run(ETCDCTL, ['--endpoints', kine.endpoint, ...args], { env });
    await ctl(['put', '/registry/namespaces/kept', 'v1']);
    await ctl(['put', '/registry/namespaces/kept', 'v2']);
    const { stdout: rev } = await ctl(['get', '/registry/namespaces/kept', '-w', 'json']);
    const snapRev = Number(JSON.parse(rev).header.revision);

    const dir = mkdtempSync(join(tmpdir(), 'k8ts-etcdctl-snap-'));
    t.teardown(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'etcd.db');
    const saved = await ctl(['snapshot', 'save', file]);
    t.match(saved.stdout + saved.stderr, /Snapshot saved at/);
    await ctl(['del', '/registry/namespaces/kept']);

    const status = await run(ETCDCTL, ['snapshot', 'status', file], { env }).then(
      () => 'ok',
      (err: { stderr: string }) => err.stderr,
    );
    t.not(status, 'ok', 'etcdctl snapshot status cannot open a k8ts snapshot (not bbolt)');

    const target = join(dir, 'restored');
    const r = await run(process.execPath, [K8TS, 'snapshot', 'restore', file, '--data-dir', target]);
    t.match(r.stderr, new RegExp(`restored revision ${snapRev}`));
    const restored = new EmbeddedBackend({ path: join(target, 'db', 'state.db'), leaseCheckIntervalMs: 0 });
    t.teardown(() => restored.close());
    const got = await restored.range(Buffer.from('/registry/namespaces/kept'));
    t.equal(got.kvs[0]?.value.toString(), 'v2');
    t.ok(got.revision > snapRev);
  });
}
