// Server-side apply as stock kubectl users meet it: two field managers conflict, --force-conflicts takes the
// field, --show-managed-fields prints Apply entries, `kubectl apply` then `kubectl apply --server-side` migrates
// client-side apply ownership without conflicts, and `kubectl diff --server-side` shows what an apply would do.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';

const run = promisify(execFile);
const bin = kubectlBinary(33) ?? kubectlBinary(32);

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time?: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
}

const deployment = (replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: ${image}
        ports:
        - containerPort: 80
`;

if (!bin) {
  t.plan(0, 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine');
} else {
  let server: ServerProcess;
  const home = mkdtempSync(join(tmpdir(), 'k8ts-ssa-kubectl-'));
  t.before(async () => {
    // Only the managers under test write: no controller adds its own entries (status, revision annotations).
    server = await startServer({ args: ['--disable', 'controllers,scheduler'] });
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
  const file = (name: string, text: string) => {
    const path = join(home, name);
    writeFileSync(path, text);
    return path;
  };
  const managed = async (kind: string, name: string) =>
    (JSON.parse(await k(['get', kind, name, '-o', 'json', '--show-managed-fields'])) as { metadata: { managedFields?: Entry[] } }).metadata.managedFields ?? [];

  t.test('two field managers: conflict, then --force-conflicts', async (t) => {
    const one = file('web-1.yaml', deployment(1));
    t.equal(await k(['apply', '--server-side', '--field-manager=a', '-f', one]), 'deployment.apps/web serverside-applied\n');
    const two = file('web-2.yaml', deployment(2));
    const stderr = await fails(['apply', '--server-side', '--field-manager=b', '-f', two]);
    t.match(stderr, 'Apply failed with 1 conflict: conflict with "a": .spec.replicas');
    t.match(stderr, 'Please review the fields above--they currently have other managers.');
    t.equal(await k(['apply', '--server-side', '--field-manager=b', '--force-conflicts', '-f', two]), 'deployment.apps/web serverside-applied\n');
    const entries = await managed('deployment', 'web');
    t.same(
      entries.map((e) => [e.manager, e.operation]),
      [
        ['a', 'Apply'],
        ['b', 'Apply'],
      ],
    );
    const [a, b] = entries as [Entry, Entry];
    t.notOk((a.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas'], 'a lost replicas');
    t.ok((b.fieldsV1['f:spec'] as Record<string, unknown>)['f:replicas'], 'b owns replicas');
    t.equal(JSON.parse(await k(['get', 'deployment', 'web', '-o', 'json'])).spec.replicas, 2);
    const yaml = await k(['get', 'deployment', 'web', '-o', 'yaml', '--show-managed-fields']);
    t.match(yaml, /- apiVersion: apps\/v1\n {4}fieldsType: FieldsV1\n {4}fieldsV1:\n/);
    t.match(yaml, /manager: a\n {4}operation: Apply\n {4}time: /);
    t.match(yaml, /f:containers:\n\s+k:\{"name":"nginx"\}:\n\s+\.: \{\}\n/);
  });

  t.test('kubectl diff --server-side', async (t) => {
    const three = file('web-3.yaml', deployment(2, 'nginx:1.28'));
    const diff = await run(bin, ['diff', '--server-side', '--field-manager=b', '--force-conflicts', '-f', three], { env: env() }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (err: { code: number; stdout: string; stderr: string }) => ({ code: err.code, out: err.stdout + err.stderr }),
    );
    t.equal(diff.code, 1, 'differences found');
    t.match(diff.out, /-\s+- image: nginx:1\.27\n\+\s+- image: nginx:1\.28/);
    t.equal(JSON.parse(await k(['get', 'deployment', 'web', '-o', 'json'])).spec.template.spec.containers[0].image, 'nginx:1.27', 'diff changed nothing');
  });

  t.test('client-side apply, then server-side apply: the migration kubectl performs', async (t) => {
    const cm = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: migrate
  labels: {app: m}
data:
${data}`;
    t.equal(await k(['apply', '-f', file('cm-1.yaml', cm('  a: "1"\n  b: "2"\n'))]), 'configmap/migrate created\n');
    const before = await managed('cm', 'migrate');
    t.same(
      before.map((e) => [e.manager, e.operation]),
      [['kubectl-client-side-apply', 'Update']],
    );
    // The server-side apply changes a and drops b: allowed, since the last-applied annotation records them.
    t.equal(await k(['apply', '--server-side', '-f', file('cm-2.yaml', cm('  a: "3"\n'))]), 'configmap/migrate serverside-applied\n');
    const obj = JSON.parse(await k(['get', 'cm', 'migrate', '-o', 'json', '--show-managed-fields']));
    t.same(obj.data, { a: '3' }, 'b, owned by client-side apply before, is gone once kubectl owns it');
    const after = obj.metadata.managedFields as Entry[];
    t.same(
      after.map((e) => [e.manager, e.operation]).sort(),
      [
        ['kubectl', 'Apply'],
        ['kubectl-last-applied', 'Apply'],
      ],
      'the kubectl-client-side-apply entry is gone',
    );
    const kubectlEntry = after.find((e) => e.manager === 'kubectl')!;
    t.same(kubectlEntry.fieldsV1, { 'f:data': { 'f:a': {} }, 'f:metadata': { 'f:labels': { 'f:app': {} } } });
    const lastApplied = JSON.parse(obj.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    t.same(lastApplied.data, { a: '3' }, 'the annotation follows the server-side apply');
    t.equal(await k(['apply', '--server-side', '-f', file('cm-2.yaml', cm('  a: "3"\n'))]), 'configmap/migrate serverside-applied\n', 'again: no migration left');
  });
}
