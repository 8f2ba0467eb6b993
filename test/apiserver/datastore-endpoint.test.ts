// `k8ts server --datastore-endpoint`: the same API over Debian's real etcd instead of SQLite.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { ETCD, startEtcd } from '../helpers/etcd-process.js';
import { kubectlBinary, startServer } from '../helpers/k8ts-server.js';

const run = promisify(execFile);
const kubectl = kubectlBinary(32) ?? kubectlBinary(33);

if (!existsSync(ETCD) || !kubectl) {
  t.plan(0, !kubectl ? 'no kubectl.1.32/1.33 beside /usr/bin/kubectl' : `${ETCD} is missing: apt-get install etcd-server`);
} else {
  t.test('objects live in etcd and survive a server restart', async (t) => {
    const etcd = await startEtcd(t);
    const home = mkdtempSync(join(tmpdir(), 'k8ts-etcd-home-'));
    t.teardown(() => rmSync(home, { recursive: true, force: true }));
    const env = { ...process.env, HOME: home };
    const first = await startServer({ args: ['--datastore-endpoint', etcd.url] });
    const k = (kubeconfig: string, args: string[]) => run(kubectl, ['--kubeconfig', kubeconfig, ...args], { env }).then((r) => r.stdout);
    const manifest = join(home, 'cm.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: in-etcd\ndata:\n  a: "1"\n');
    t.equal(await k(first.kubeconfig, ['create', '-f', manifest]), 'configmap/in-etcd created\n');
    t.match(await k(first.kubeconfig, ['get', 'namespaces']), /kube-system\s+Active/);
    const rv = await k(first.kubeconfig, ['get', 'cm', 'in-etcd', '-o', 'jsonpath={.metadata.resourceVersion}']);
    await first.stop();

    // A second server on a fresh data dir (new certificates) sees the same objects: they are in etcd.
    const second = await startServer({ args: ['--datastore-endpoint', etcd.url] });
    t.teardown(() => second.stop());
    t.equal(await k(second.kubeconfig, ['get', 'cm', 'in-etcd', '-o', 'jsonpath={.data.a}']), '1');
    t.equal(await k(second.kubeconfig, ['get', 'cm', 'in-etcd', '-o', 'jsonpath={.metadata.resourceVersion}']), rv);
  });
}
