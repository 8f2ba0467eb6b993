// Snapshots of the embedded store: container round trip, sealed secrets, save → mutate → restore, and a
// consistent copy under a steady write load.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync, truncateSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { EmbeddedBackend } from '../../kine/embedded-backend.js';
import { CompactedError } from '../../kine/errors.js';
import { RestoreTargetError, SnapshotFormatError, SnapshotTokenError } from '../../kine/snapshot/errors.js';
import { openSnapshot } from '../../kine/snapshot/format.js';
import { restoreSnapshot } from '../../kine/snapshot/restore.js';
import { openSecrets, sealSecrets } from '../../kine/snapshot/secrets.js';
import { saveSnapshot } from '../../kine/snapshot/take.js';

const b = (s: string) => Buffer.from(s);
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'k8ts-snap-test-'));
  t.teardown(() => rmSync(d, { recursive: true, force: true }));
  return d;
};
const open = (path: string) => new EmbeddedBackend({ path, fsync: false, leaseCheckIntervalMs: 0 });

t.test('sealed secrets: round trip; a wrong token fails clearly', async (t) => {
  const files = { 'server-ca.key': b('secret key'), 'server-ca.crt': b('cert') };
  const { meta, ciphertext } = sealSecrets(files, 'tok');
  t.notOk(ciphertext.includes(b('secret key')), 'nothing in clear');
  t.same(openSecrets(meta, ciphertext, 'tok'), files);
  t.throws(() => openSecrets(meta, ciphertext, 'other'), SnapshotTokenError);
  t.throws(() => openSecrets(meta, ciphertext, 'other'), /token does not decrypt/);
});

t.test('save, mutate, restore: the snapshot state, revisions upwards, old watches compacted', async (t) => {
  const src = tmp();
  mkdirSync(join(src, 'db'));
  mkdirSync(join(src, 'tls'));
  writeFileSync(join(src, 'tls', 'server-ca.crt'), 'CA CERT');
  writeFileSync(join(src, 'tls', 'server-ca.key'), 'CA KEY');
  const backend = open(join(src, 'db', 'state.db'));
  await backend.put(b('/registry/namespaces/a'), b('A1'));
  await backend.put(b('/registry/namespaces/a'), b('A2'));
  await backend.put(b('/registry/configmaps/a/x'), b('X'));
  const snapRev = await backend.currentRevision();
  const file = join(src, 'snap');
  const saved = await saveSnapshot(file, { backend, tlsDir: join(src, 'tls'), token: 'tok', node: 'n1' });
  t.equal(saved.revision, snapRev);
  t.equal(statSync(file).size % 512, 32, 'etcd-style: 512·n + SHA-256 trailer');
  await backend.deleteRange(b('/registry/'), { rangeEnd: b('/registry0') });
  await backend.put(b('/registry/namespaces/b'), b('B'));
  const oldRev = await backend.currentRevision();
  await backend.close();

  const opened = await openSnapshot(file);
  t.equal(opened.header.kind, 'k8ts-snapshot');
  t.equal(opened.header.store.format, 'sqlite3');
  t.equal(opened.header.node, 'n1');

  const dst = tmp();
  await t.rejects(restoreSnapshot({ file, dataDir: dst, token: 'wrong' }), SnapshotTokenError);
  await t.rejects(restoreSnapshot({ file, dataDir: dst }), /pass --token/);
  const r = await restoreSnapshot({ file, dataDir: dst, token: 'tok', bumpRevision: 1000 });
  t.equal(r.revision, snapRev + 1000);
  t.same(r.tlsFiles, ['server-ca.crt', 'server-ca.key']);
  t.equal(readFileSync(join(dst, 'tls', 'server-ca.key'), 'utf8'), 'CA KEY');
  t.equal(readFileSync(join(dst, 'token'), 'utf8').trim(), 'tok');
  await t.rejects(restoreSnapshot({ file, dataDir: dst, token: 'tok' }), RestoreTargetError, 'refuses a non-empty dir');

  const restored = open(join(dst, 'db', 'state.db'));
  t.teardown(() => restored.close());
  const all = await restored.range(b('/registry/'), { rangeEnd: b('/registry0') });
  t.same(all.kvs.map((kv) => [kv.key.toString(), kv.value.toString()]), [['/registry/configmaps/a/x', 'X'], ['/registry/namespaces/a', 'A2']]);
  t.ok(all.revision > oldRev, 'revision continues above the old cluster');
  const st = await restored.status();
  t.equal(st.compactRevision, st.revision, 'compacted at the restore revision');
  const put = await restored.put(b('/registry/namespaces/c'), b('C'));
  t.equal(put.revision, r.revision + 1);
  const err = await new Promise<Error>((resolve) => {
    restored.watch(b('/registry/'), { rangeEnd: b('/registry0'), startRevision: oldRev }, { events: () => undefined, error: resolve });
  });
  t.type(err, CompactedError, 'a watch from an old resourceVersion gets compacted (410)');
  await t.rejects(restored.range(b('/registry/namespaces/a'), { revision: snapRev }), CompactedError);

  // --force replaces; a damaged file fails its checksum.
  await restoreSnapshot({ file, dataDir: join(dst, 'forced'), token: 'tok' });
  const damaged = join(src, 'damaged');
  const bytes = readFileSync(file);
  bytes[bytes.length - 100] ^= 0xff;
  writeFileSync(damaged, bytes);
  await t.rejects(openSnapshot(damaged), SnapshotFormatError);
  truncateSync(damaged, 1000);
  await t.rejects(openSnapshot(damaged), /truncated|damaged/);
  t.ok(readdirSync(dst).includes('db'));
});

t.test('a snapshot under a steady write load holds exactly the writes up to its revision', async (t) => {
  const dir = tmp();
  const backend = open(join(dir, 'state.db'));
  // Enough data that the online backup needs many steps.
  const filler = Buffer.alloc(2000, 'f');
  for (let i = 0; i < 1000; i++) await backend.put(b(`/fill/${i}`), filler);
  const revOf = new Map<string, number>();
  let stop = false;
  const writer = (async () => {
    for (let i = 0; !stop; i++) {
      const k = `/load/${String(i).padStart(6, '0')}`;
      const r = await backend.put(b(k), b(String(i)));
      revOf.set(k, r.revision);
    }
  })();
  await new Promise((r) => setTimeout(r, 20));
  const saved = await saveSnapshot(join(dir, 'snap'), { backend });
  await new Promise((r) => setTimeout(r, 20));
  stop = true;
  await writer;
  await backend.close();
  const writesAfter = [...revOf.values()].filter((v) => v > saved.revision).length;
  t.ok(writesAfter > 0, `writes went on after the snapshot (${writesAfter})`);

  const dst = tmp();
  await restoreSnapshot({ file: join(dir, 'snap'), dataDir: dst, bumpRevision: 10 });
  const restored = open(join(dst, 'db', 'state.db'));
  t.teardown(() => restored.close());
  const got = new Set((await restored.range(b('/load/'), { rangeEnd: b('/load0'), keysOnly: true })).kvs.map((kv) => kv.key.toString()));
  const expected = [...revOf].filter(([, rev]) => rev <= saved.revision).map(([k]) => k);
  t.ok(expected.length > 0, 'some load writes are in the snapshot');
  t.same([...got].sort(), expected.sort(), 'all writes with revision <= R, none after');
});

