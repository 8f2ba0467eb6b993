// Stock etcdctl (Debian's etcd-client, API v3) against `k8ts kine`.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import t from 'tap';
import { startKine, type KineProcess } from '../helpers/kine-process.js';

const run = promisify(execFile);
const ETCDCTL = '/usr/bin/etcdctl';

if (!existsSync(ETCDCTL)) {
  t.plan(0, 'etcdctl is not installed: apt-get install etcd-client (hack/test.sh does this as root)');
} else {
  let kine: KineProcess;
  t.before(async () => {
    kine = await startKine();
  });
  t.teardown(() => kine?.stop());

  const ctl = async (args: string[], input?: string) => {
    const p = run(ETCDCTL, ['--endpoints', kine.endpoint, ...args], { env: { ...process.env, ETCDCTL_API: '3' } });
    if (input !== undefined) {
      p.child.stdin!.end(input);
    }
    const { stdout } = await p;
    return stdout;
  };
  const ctlAll = async (args: string[]) => {
    const { stdout, stderr } = await run(ETCDCTL, ['--endpoints', kine.endpoint, ...args], { env: { ...process.env, ETCDCTL_API: '3' } });
    return stdout + stderr;
  };
  const ctlFails = async (args: string[]) => {
    try {
      await ctl(args);
    } catch (err) {
      return (err as { stderr: string }).stderr;
    }
    throw new Error(`etcdctl ${args.join(' ')} succeeded but should have failed`);
  };
  const json = async (args: string[]) => JSON.parse(await ctl([...args, '-w', 'json']));
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const str = (s: string) => Buffer.from(s, 'base64').toString();

  t.test('put and get: prefix, limit, rev, keys-only, prev-kv', async (t) => {
    t.equal(await ctl(['put', '/t1/a', 'one']), 'OK\n');
    await ctl(['put', '/t1/b', 'two']);
    await ctl(['put', '/t1/c', 'three']);
    const first = await json(['get', '/t1/a']);
    t.equal(str(first.kvs[0].value), 'one');
    t.equal(first.kvs[0].version, 1);
    const rev1 = first.kvs[0].mod_revision;

    const prev = await ctl(['put', '/t1/a', 'uno', '--prev-kv']);
    t.equal(prev, 'OK\n/t1/a\none\n', 'put --prev-kv prints the previous pair');

    t.equal(await ctl(['get', '--prefix', '/t1/']), '/t1/a\nuno\n/t1/b\ntwo\n/t1/c\nthree\n');
    const limited = await json(['get', '--prefix', '/t1/', '--limit', '2']);
    t.equal(limited.kvs.length, 2);
    t.equal(limited.more, true);
    t.equal(limited.count, 3, 'count covers the whole range');
    t.equal(await ctl(['get', '--prefix', '/t1/', '--keys-only']), '/t1/a\n\n/t1/b\n\n/t1/c\n\n');
    t.equal(await ctl(['get', '/t1/a', '--rev', String(rev1)]), '/t1/a\none\n', 'a past revision shows the old value');
    const a = await json(['get', '/t1/a']);
    t.equal(a.kvs[0].version, 2);
    t.equal(a.kvs[0].create_revision, rev1);
    t.equal(a.kvs[0].key, b64('/t1/a'));
    t.match(await ctlFails(['get', '/t1/a', '--rev', '99999']), /required revision is a future revision/);
  });

  t.test('del: a key and a prefix, with prev-kv', async (t) => {
    await ctl(['put', '/t2/a', '1']);
    await ctl(['put', '/t2/b', '2']);
    await ctl(['put', '/t2/c', '3']);
    t.equal(await ctl(['del', '/t2/a']), '1\n');
    t.equal(await ctl(['del', '/t2/missing']), '0\n');
    t.equal(await ctl(['del', '--prefix', '/t2/', '--prev-kv']), '2\n/t2/b\n2\n/t2/c\n3\n');
    t.equal(await ctl(['get', '--prefix', '/t2/']), '');
  });

  t.test('txn with mod, create and version compares', async (t) => {
    await ctl(['put', '/t3/k', 'v1']);
    const kv = (await json(['get', '/t3/k'])).kvs[0];
    const ok = await ctl(
      ['txn'],
      `mod("/t3/k") = "${kv.mod_revision}"\ncreate("/t3/k") = "${kv.create_revision}"\nversion("/t3/k") = "1"\n\nput /t3/k v2\nget /t3/k\n\nput /t3/lost yes\n\n`,
    );
    t.equal(ok, 'SUCCESS\n\nOK\n\n/t3/k\nv2\n');
    const lost = await ctl(['txn'], `mod("/t3/k") = "${kv.mod_revision}"\n\nput /t3/k v3\n\nget /t3/k\n\n`);
    t.equal(lost, 'FAILURE\n\n/t3/k\nv2\n', 'a stale mod revision takes the failure branch');
    const create = await ctl(['txn'], `create("/t3/new") = "0"\n\nput /t3/new fresh\n\n\n`);
    t.equal(create, 'SUCCESS\n\nOK\n');
    const value = await ctl(['txn'], `value("/t3/new") = "fresh"\nversion("/t3/k") > "1"\n\ndel /t3/new\n\n\n`);
    t.equal(value, 'SUCCESS\n\n1\n');
    t.equal(await ctl(['get', '/t3/lost']), '', 'the failure branch of the first txn never ran');
  });

  t.test('watch: live, and from a past revision', async (t) => {
    await ctl(['put', '/t4/a', 'before']);
    const start = (await json(['get', '/t4/a'])).kvs[0].mod_revision;
    await ctl(['put', '/t4/b', 'also-before']);

    const watcher = spawn(ETCDCTL, ['--endpoints', kine.endpoint, 'watch', '--prefix', '/t4/', '--rev', String(start), '--prev-kv'], {
      env: { ...process.env, ETCDCTL_API: '3' },
    });
    let out = '';
    watcher.stdout.setEncoding('utf8');
    watcher.stdout.on('data', (c: string) => (out += c));
    const seen = async (text: string) => {
      const deadline = Date.now() + 10_000;
      while (!out.includes(text)) {
        if (Date.now() > deadline) throw new Error(`watch never printed ${JSON.stringify(text)}; got:\n${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    t.teardown(() => void watcher.kill());
    await seen('PUT\n/t4/b\nalso-before\n');
    t.ok(out.startsWith('PUT\n/t4/a\nbefore\n'), 'history starts at the requested revision, inclusive');
    await ctl(['put', '/t4/a', 'after']);
    await seen('PUT\n/t4/a\nbefore\n/t4/a\nafter\n');
    await ctl(['del', '/t4/b']);
    await seen('DELETE\n/t4/b\nalso-before\n/t4/b\n\n');
    await ctl(['put', '/other', 'x']);
    await ctl(['put', '/t4/c', 'last']);
    await seen('PUT\n/t4/c\nlast\n');
    t.notMatch(out, /\/other/, 'keys outside the prefix are not delivered');
  });

  t.test('lease: grant, put --lease, timetolive, revoke, expiry', async (t) => {
    const granted = await ctl(['lease', 'grant', '5']);
    const id = /lease ([0-9a-f]+) granted with TTL\(5s\)/.exec(granted)?.[1];
    t.ok(id, `lease grant printed an id: ${granted}`);
    await ctl(['put', '/t5/a', '1', '--lease', id!]);
    await ctl(['put', '/t5/b', '2', `--lease=${id}`]);
    const ttl = await ctl(['lease', 'timetolive', id!, '--keys']);
    t.match(ttl, new RegExp(`lease ${id} granted with TTL\\(5s\\), remaining\\([45]s\\), attached keys\\(\\[/t5/(a|b) /t5/(a|b)\\]\\)`));
    t.match(await ctl(['lease', 'list']), new RegExp(id!));
    t.equal(await ctl(['lease', 'revoke', id!]), `lease ${id} revoked\n`);
    t.equal(await ctl(['get', '--prefix', '/t5/']), '', 'revoking deletes the attached keys');
    t.match(await ctlFails(['put', '/t5/c', '1', '--lease', id!]), /requested lease not found/);

    const short = /lease ([0-9a-f]+) granted/.exec(await ctl(['lease', 'grant', '5']))![1]!;
    await ctl(['put', '/t5/expiring', 'soon', '--lease', short]);
    t.equal(await ctl(['get', '/t5/expiring']), '/t5/expiring\nsoon\n');
    const deadline = Date.now() + 12_000;
    while ((await ctl(['get', '/t5/expiring'])) !== '' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
    }
    t.equal(await ctl(['get', '/t5/expiring']), '', 'the key is deleted when its lease expires');
    t.match(await ctl(['lease', 'timetolive', short]), /already expired/);
  });

  t.test('compaction: reads below the compacted revision fail', async (t) => {
    await ctl(['put', '/t6/k', 'old']);
    const old = (await json(['get', '/t6/k'])).kvs[0].mod_revision;
    await ctl(['put', '/t6/k', 'new']);
    const now = (await json(['get', '/t6/k'])).kvs[0].mod_revision;
    t.equal(await ctl(['compaction', String(now)]), `compacted revision ${now}\n`);
    t.match(await ctlFails(['get', '/t6/k', '--rev', String(old)]), /required revision has been compacted/);
    t.equal(await ctl(['get', '/t6/k', '--rev', String(now)]), '/t6/k\nnew\n', 'the compacted revision itself is readable');
    t.equal(await ctl(['get', '/t6/k']), '/t6/k\nnew\n');
    t.match(await ctlFails(['compaction', String(old)]), /required revision has been compacted/);
  });

  t.test('endpoint status, health and member list', async (t) => {
    const status = await json(['endpoint', 'status']);
    t.equal(status[0].Endpoint, kine.endpoint);
    t.match(status[0].Status.version, /^3\.5\./);
    t.ok(status[0].Status.header.revision > 0);
    t.ok(status[0].Status.dbSize > 0);
    // etcdctl dials http:// endpoints with the URL as HTTP/2 :authority (see kine/grpc/authority-shim.ts).
    const { stdout: viaUrl } = await run(ETCDCTL, ['--endpoints', `http://${kine.endpoint}`, 'endpoint', 'status', '-w', 'json'], {
      env: { ...process.env, ETCDCTL_API: '3' },
    });
    t.equal(JSON.parse(viaUrl)[0].Status.version, status[0].Status.version, 'endpoint status works with an http:// endpoint');
    t.match(await ctlAll(['endpoint', 'health']), new RegExp(`${kine.endpoint} is healthy`));
    t.match(await ctl(['member', 'list']), /k8ts/);
  });
}
