// kubectl 1.20 (Debian's kubernetes-client): the basics — get, create, apply, delete — with its own
// client-side validation against our OpenAPI v2.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { startServer } from '../helpers/k8ts-server.js';
import { kubectl120 } from '../helpers/kubectl-120.js';

const run = promisify(execFile);
const bin = kubectl120();

if (!bin) {
  t.plan(0, "kubectl 1.20 could not be had: `apt-get download kubernetes-client` failed (run apt-get update first)");
} else {
  t.test('kubectl 1.20: version, get, create, apply, delete', async (t) => {
    const server = await startServer();
    const home = mkdtempSync(join(tmpdir(), 'k8ts-k120-'));
    t.teardown(async () => {
      await server.stop();
      rmSync(home, { recursive: true, force: true });
    });
    const env = { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig };
    const k = (args: string[]) => run(bin, args, { env }).then((r) => r.stdout);
    const manifest = join(home, 'cm.yaml');
    writeFileSync(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old-client\ndata:\n  a: "1"\n');
    t.match(await k(['version', '--short']), /Server Version: v1\.33\.5\+k8ts1/);
    t.match(await k(['get', 'namespaces']), /kube-system\s+Active/);
    t.equal(await k(['create', '-f', manifest]), 'configmap/old-client created\n');
    writeFileSync(manifest, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: old-client\ndata:\n  a: "2"\n');
    t.equal(await k(['apply', '-f', manifest]), 'configmap/old-client configured\n');
    t.equal(await k(['get', 'cm', 'old-client', '-o', 'jsonpath={.data.a}']), '2');
    writeFileSync(join(home, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\ndatax:\n  a: "1"\n');
    const bad = await k(['create', '-f', join(home, 'bad.yaml')]).catch((e) => e.stderr);
    t.match(bad, /unknown field "datax"/, 'its client-side validation reads our OpenAPI v2');
    t.equal(await k(['delete', '-f', manifest]), 'configmap "old-client" deleted\n');
  });
}
