// A CRD as stock kubectl users meet it: apply the CRD and objects, defaults shown by `get -o yaml`,
// invalid objects refused with the field path, printer columns in `kubectl get`, `kubectl explain` of the
// CRD's fields (and of built-in kinds), and the objects gone with the CRD.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';
import { kubectl120 } from '../helpers/kubectl-120.js';

const run = promisify(execFile);
const bin = kubectlBinary(33) ?? kubectlBinary(32);
const CRD = join(import.meta.dirname, '../fixtures/crd/crontab-crd.yaml');

if (!bin) {
  t.plan(0, 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine');
} else {
  let server: ServerProcess;
  const home = mkdtempSync(join(tmpdir(), 'k8ts-crd-kubectl-'));
  t.before(async () => {
    server = await startServer();
  });
  t.teardown(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });
  const env = () => ({ ...process.env, HOME: home, KUBECONFIG: server.kubeconfig });
  const k = async (args: string[]) => (await run(bin, args, { env: env() })).stdout;
  const fails = async (args: string[]) => {
    try {
      await run(bin, args, { env: env() });
    } catch (err) {
      return (err as { stderr: string }).stderr;
    }
    throw new Error(`kubectl ${args.join(' ')} succeeded`);
  };
  const manifest = (name: string, text: string) => {
    const path = join(home, name);
    writeFileSync(path, text);
    return path;
  };

  t.test('apply, default, validate, print and explain a custom resource', async (t) => {
    t.match(await k(['apply', '-f', CRD]), /customresourcedefinition.apiextensions.k8s.io\/crontabs.stable.example.com created/);
    t.match(await k(['wait', '--for=condition=Established', 'crd/crontabs.stable.example.com', '--timeout=10s']), /condition met/);
    const good = manifest('good.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: nightly}\nspec: {cronSpec: "0 3 * * *", image: busybox}\n');
    t.match(await k(['apply', '-f', good]), /crontab.stable.example.com\/nightly created/);
    t.match(await k(['get', 'crontab', 'nightly', '-o', 'yaml']), /replicas: 1\n/, 'default from the schema');
    t.match(await k(['get', 'ct']), /^NAME\s+SPEC\s+REPLICAS\s+AGE\nnightly\s+0 3 \* \* \*\s+1\s+\d+s\n/);

    const bad = manifest('bad.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: bad}\nspec: {cronSpec: "0 3 * * *", image: busybox, replicas: 20}\n');
    t.match(await fails(['apply', '-f', bad]), 'spec.replicas: Invalid value: 20: spec.replicas in body should be less than or equal to 10');
    const missing = manifest('missing.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: missing}\nspec: {cronSpec: "0 3 * * *"}\n');
    t.match(await fails(['apply', '-f', missing]), 'spec.image: Required value');
    const unknown = manifest('unknown.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata: {name: unknown}\nspec: {cronSpec: "0 3 * * *", image: b, imag: c}\n');
    t.match(await fails(['apply', '-f', unknown]), 'strict decoding error: unknown field "spec.imag"');

    const explained = await k(['explain', 'crontab.spec']);
    t.match(explained, /KIND:\s+CronTab/);
    t.match(explained, /cronSpec\s+<string> -required-\n\s+When to run\./);
    t.match(await k(['explain', 'deployment.spec.replicas']), /Number of desired pods/);
  });

  const old = kubectl120();
  t.test('kubectl 1.20 explains the CRD from OpenAPI v2', { skip: !old && 'kubectl 1.20 (Debian kubernetes-client) could not be fetched with apt-get download' }, async (t) => {
    const explained = (await run(old!, ['explain', 'crontab.spec'], { env: env() })).stdout;
    t.match(explained, /KIND:\s+CronTab/);
    t.match(explained, /cronSpec\s+<string> -required-\n\s+When to run\./);
  });

  t.test('deleting the CRD takes its objects with it', async (t) => {
    t.match(await k(['delete', '-f', CRD]), /deleted/);
    t.match(await fails(['get', 'crontabs.stable.example.com']), /the server doesn't have a resource type "crontabs"/);
    await k(['apply', '-f', CRD]);
    await k(['wait', '--for=condition=Established', 'crd/crontabs.stable.example.com', '--timeout=10s']);
    t.match(await run(bin, ['get', 'ct'], { env: env() }).then((r) => r.stderr), /No resources found in default namespace/);
  });
}
