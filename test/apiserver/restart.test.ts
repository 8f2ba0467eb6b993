// A restart on the same data dir keeps every object, the certificates and the admin kubeconfig.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { kubectlBinary, startServer } from '../helpers/k8ts-server.js';

const run = promisify(execFile);
const kubectl = kubectlBinary(32) ?? kubectlBinary(33) ?? kubectlBinary(27);

if (!kubectl) {
  t.plan(0, 'no kubectl.1.N binary beside /usr/bin/kubectl on this machine');
} else {
  t.test('restart keeps objects, certificates and the kubeconfig', async (t) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'k8ts-restart-'));
    const home = mkdtempSync(join(tmpdir(), 'k8ts-home-'));
    t.teardown(() => {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(home, { recursive: true, force: true });
    });
    const env = { ...process.env, HOME: home };
    const first = await startServer({ dataDir });
    const k = (args: string[], kubeconfig: string) => run(kubectl, ['--kubeconfig', kubeconfig, ...args], { env }).then((r) => r.stdout);
    const manifest = join(home, 'cm.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept\n  namespace: kube-system\ndata:\n  a: "1"\n');
    t.equal(await k(['create', '--validate=false', '-f', manifest], first.kubeconfig), 'configmap/kept created\n');
    const saved = readFileSync(first.kubeconfig, 'utf8');
    const ca = readFileSync(join(dataDir, 'tls', 'server-ca.crt'), 'utf8');
    const uid = await k(['get', 'cm', 'kept', '-n', 'kube-system', '-o', 'jsonpath={.metadata.uid}'], first.kubeconfig);
    const rv = await k(['get', 'ns', '-o', 'jsonpath={.metadata.resourceVersion}'], first.kubeconfig);
    t.equal(await first.stop(), 0, 'SIGTERM stops the server cleanly');

    const second = await startServer({ dataDir });
    t.teardown(() => second.stop());
    t.equal(readFileSync(join(dataDir, 'tls', 'server-ca.crt'), 'utf8'), ca, 'the cluster CA is the same');
    // The old kubeconfig's credentials still work against the restarted server (only its port moved).
    const port = /https:\/\/127\.0\.0\.1:(\d+)/.exec(readFileSync(second.kubeconfig, 'utf8'))![1];
    const oldWithNewPort = join(home, 'old.yaml');
    writeFileSync(oldWithNewPort, saved.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`));
    t.equal(await k(['get', 'cm', 'kept', '-n', 'kube-system', '-o', 'jsonpath={.metadata.uid}'], oldWithNewPort), uid, 'objects survive with their uid');
    const rv2 = await k(['get', 'ns', '-o', 'jsonpath={.metadata.resourceVersion}'], oldWithNewPort);
    t.ok(Number(rv2) >= Number(rv), 'resourceVersions do not go backwards');
  });
}
