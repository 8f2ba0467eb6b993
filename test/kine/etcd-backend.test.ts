// EtcdBackend against Debian's real etcd: one etcd in a temp dir on free loopback ports for the whole file,
// the conformance suite over it (each case with its own client and key namespace), then etcd is killed
// and its dir removed, whatever happened.
import { existsSync } from 'node:fs';
import t from 'tap';
import { EtcdBackend } from '../../kine/etcd/etcd-backend.js';
import { ETCD, freePort, startEtcd } from '../helpers/etcd-process.js';
import { conformance } from './conformance.js';

if (!existsSync(ETCD)) {
  t.plan(0, `${ETCD} is missing; install it with \`apt-get install etcd-server\` to run EtcdBackend against a real etcd`);
} else {
  const etcd = await startEtcd(t);
  t.test('connect picks the first endpoint that answers', async (t) => {
    const dead = `http://127.0.0.1:${await freePort()}`;
    const b = await EtcdBackend.connect(`${dead},${etcd.url}`, { connectTimeoutMs: 500 });
    t.teardown(() => b.close());
    t.equal(b.endpoint, etcd.url);
    await t.rejects(EtcdBackend.connect(dead, { connectTimeoutMs: 300 }), /no etcd endpoint answered/);
  });
  await conformance(t, `etcd ${etcd.url}`, async () => {
    const backend = await EtcdBackend.connect(etcd.url);
    return { backend, cleanup: () => backend.close() };
  });
}
