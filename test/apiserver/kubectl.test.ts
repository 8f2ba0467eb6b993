// Stock kubectl against `k8ts server`: the core scenario of the apiserver issue, run with every kubectl
// of this machine that is in the supported range.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';
import { kubectl35 } from '../helpers/kubectl-35.js';

const run = promisify(execFile);
const versions = [
  ...[27, 32, 33].map((minor) => ({ minor, bin: kubectlBinary(minor) })),
  { minor: 35, bin: kubectl35() },
].filter((v) => v.bin);

if (versions.length === 0) {
  t.plan(0, 'no kubectl.1.N binaries beside /usr/bin/kubectl on this machine');
} else {
  let server: ServerProcess;
  const work = mkdtempSync(join(tmpdir(), 'k8ts-kubectl-'));
  t.before(async () => {
    server = await startServer();
  });
  t.teardown(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  for (const { minor, bin } of versions) {
    t.test(`kubectl 1.${minor}`, async (t) => {
      const home = mkdtempSync(join(work, `home-${minor}-`));
      const env = { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig };
      const k = async (args: string[], input?: string) => {
        const p = run(bin!, args, { env });
        if (input !== undefined) p.child.stdin!.end(input);
        return (await p).stdout;
      };
      const kFails = async (args: string[]) => {
        try {
          await k(args);
        } catch (err) {
          return (err as { stderr: string }).stderr;
        }
        throw new Error(`kubectl ${args.join(' ')} should have failed`);
      };
      const ns = `k${minor}`;
      const file = (name: string, text: string) => {
        const path = join(home, name);
        writeFileSync(path, text);
        return path;
      };

      t.match(await k(['version']), /Server Version: .*v1\.33\.5\+k8ts1/);
      t.match(await k(['get', 'namespaces']), /default\s+Active/);
      t.equal(await k(['create', 'namespace', ns]), `namespace/${ns} created\n`);

      const cm = file('cm.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm1\n  namespace: ${ns}\n  labels: {app: one}\ndata:\n  a: "1"\n`);
      t.equal(await k(['create', '-f', cm]), 'configmap/cm1 created\n');
      t.match(await kFails(['create', '-f', cm]), /AlreadyExists.*configmaps "cm1" already exists/);
      const got = JSON.parse(await k(['get', 'configmap', 'cm1', '-n', ns, '-o', 'json']));
      t.equal(got.data.a, '1');
      t.match(got.metadata.uid, /^[0-9a-f-]{36}$/);
      t.match(got.metadata.resourceVersion, /^[0-9]+$/);
      // Every namespace also holds kube-root-ca.crt, as on any cluster.
      t.equal(await k(['get', 'cm', '-n', ns, '-o', 'name']), 'configmap/cm1\nconfigmap/kube-root-ca.crt\n');
      t.match(await k(['get', 'cm', '-n', ns]), /NAME\s+DATA\s+AGE\ncm1\s+1\s+/);
      t.match(await k(['get', 'cm', 'cm1', '-n', ns, '-o', 'yaml']), /^apiVersion: v1\ndata:\n  a: "1"\nkind: ConfigMap\nmetadata:\n/);
      t.match(await k(['get', 'cm', '-n', ns, '-o', 'wide']), /^NAME\s+DATA\s+AGE\n/);
      t.equal(await k(['get', 'cm', '-n', ns, '-o', 'custom-columns=N:.metadata.name,A:.data.a']), 'N                  A\ncm1                1\nkube-root-ca.crt   <none>\n');
      t.equal(await k(['get', 'cm', 'cm1', '-n', ns, '-o', 'jsonpath={.data.a}']), '1');

      const applied = file('applied.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm2\n  namespace: ${ns}\ndata:\n  b: "2"\n`);
      t.equal(await k(['apply', '-f', applied]), 'configmap/cm2 created\n');
      t.equal(await k(['apply', '-f', applied]), 'configmap/cm2 unchanged\n');
      writeFileSync(applied, `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm2\n  namespace: ${ns}\ndata:\n  b: "3"\n`);
      t.equal(await k(['apply', '-f', applied]), 'configmap/cm2 configured\n');
      t.equal(await k(['get', 'cm', 'cm2', '-n', ns, '-o', 'jsonpath={.data.b}']), '3');

      t.equal(await k(['label', 'cm', 'cm1', '-n', ns, 'tier=web']), 'configmap/cm1 labeled\n');
      // kubectl 1.27 prints "annotate" (its own typo, fixed in 1.28).
      t.match(await k(['annotate', 'cm', 'cm1', '-n', ns, 'note=hi']), /^configmap\/cm1 annotated?\n$/);
      t.equal(await k(['get', 'cm', '-n', ns, '-l', 'tier=web', '-o', 'name']), 'configmap/cm1\n');
      t.equal(await k(['get', 'cm', '-n', ns, '-l', 'tier!=web', '-o', 'name']), 'configmap/cm2\nconfigmap/kube-root-ca.crt\n');
      t.equal(await k(['get', 'cm', '-n', ns, '--field-selector', 'metadata.name=cm2', '-o', 'name']), 'configmap/cm2\n');

      await k(['patch', 'cm', 'cm1', '-n', ns, '--type', 'merge', '-p', '{"data":{"m":"merge"}}']);
      await k(['patch', 'cm', 'cm1', '-n', ns, '--type', 'json', '-p', '[{"op":"add","path":"/data/j","value":"json"}]']);
      await k(['patch', 'cm', 'cm1', '-n', ns, '-p', '{"data":{"s":"strategic"}}']);
      const patched = JSON.parse(await k(['get', 'cm', 'cm1', '-n', ns, '-o', 'json']));
      t.same(patched.data, { a: '1', m: 'merge', j: 'json', s: 'strategic' });
      t.equal(patched.metadata.annotations.note, 'hi');

      const editor = file('editor.sh', `#!/bin/sh\nsed -i 's/strategic/edited/' "$1"\n`);
      await run('chmod', ['+x', editor]);
      await run(bin!, ['edit', 'cm', 'cm1', '-n', ns], { env: { ...env, KUBE_EDITOR: editor } });
      t.equal(await k(['get', 'cm', 'cm1', '-n', ns, '-o', 'jsonpath={.data.s}']), 'edited');

      const chunked = await k(['get', 'cm', '-n', ns, '--chunk-size', '1', '-o', 'name']);
      t.equal(chunked, 'configmap/cm1\nconfigmap/cm2\nconfigmap/kube-root-ca.crt\n', 'paging with --chunk-size returns every item once');

      const watcher = spawn(bin!, ['get', 'cm', '-n', ns, '-w', '-o', 'name'], { env });
      let seen = '';
      watcher.stdout.setEncoding('utf8');
      watcher.stdout.on('data', (c: string) => (seen += c));
      t.teardown(() => void watcher.kill());
      const until = async (text: string) => {
        const deadline = Date.now() + 10_000;
        while (!seen.includes(text)) {
          if (Date.now() > deadline) throw new Error(`get -w never printed ${text}; got ${seen}`);
          await new Promise((r) => setTimeout(r, 50));
        }
      };
      await until('configmap/cm2');
      await k(['create', 'configmap', 'cm3', '-n', ns, '--from-literal=x=y']);
      await until('configmap/cm3');
      watcher.kill();

      t.match(await k(['delete', 'cm', 'cm3', '-n', ns]), /^configmap "cm3" deleted( from k\d+ namespace)?\n$/);
      t.match(await kFails(['get', 'cm', 'cm3', '-n', ns]), /NotFound.*configmaps "cm3" not found/);
      t.match(await k(['diff', '-f', applied]).catch((e) => e.stdout), /^$/, 'diff against an unchanged object prints nothing');
      t.match(await k(['api-resources']), /configmaps\s+cm\s+v1\s+true\s+ConfigMap/);
      t.match(await k(['cluster-info']), /is running at/);
    });
  }

  const every = kubectlBinary(33) ?? kubectlBinary(32);
  t.test('kubectl get works for every listable built-in kind', { skip: !every && 'no kubectl 1.32/1.33 beside /usr/bin/kubectl' }, async (t) => {
    const bin = every!;
    const server = await startServer();
    t.teardown(() => server.stop());
    const home = mkdtempSync(join(tmpdir(), 'k8ts-every-kind-'));
    t.teardown(() => rmSync(home, { recursive: true, force: true }));
    const env = { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig };
    const names = (await run(bin, ['api-resources', '--verbs=list', '-o', 'name'], { env })).stdout.trim().split('\n');
    t.ok(names.length >= 45, `${names.length} listable kinds`);
    const failed: string[] = [];
    for (const name of names) {
      await run(bin, ['get', name, '-A'], { env }).catch((e) => failed.push(`${name}: ${e.stderr}`));
    }
    t.same(failed, [], 'every kind lists, as a table');
    // One object of many kinds, made by kubectl's own generators (protobuf bodies), then described.
    const make: string[][] = [
      ['create', 'configmap', 'd-cm', '--from-literal=a=b'],
      ['create', 'secret', 'generic', 'd-secret', '--from-literal=a=b'],
      ['create', 'serviceaccount', 'd-sa'],
      ['create', 'deployment', 'd-deploy', '--image=busybox'],
      ['create', 'job', 'd-job', '--image=busybox'],
      ['create', 'cronjob', 'd-cron', '--image=busybox', '--schedule=*/5 * * * *'],
      ['create', 'service', 'clusterip', 'd-svc', '--tcp=80:8080'],
      ['create', 'role', 'd-role', '--verb=get', '--resource=pods'],
      ['create', 'rolebinding', 'd-rb', '--role=d-role', '--user=alice'],
      ['create', 'clusterrole', 'd-cr', '--verb=list', '--resource=nodes'],
      ['create', 'clusterrolebinding', 'd-crb', '--clusterrole=d-cr', '--group=devs'],
      ['create', 'quota', 'd-quota', '--hard=pods=10'],
      ['create', 'poddisruptionbudget', 'd-pdb', '--selector=app=x', '--min-available=1'],
      ['create', 'priorityclass', 'd-pc', '--value=100'],
      ['create', 'ingress', 'd-ing', '--rule=example.com/=d-svc:80'],
      ['run', 'd-pod', '--image=busybox'],
    ];
    for (const args of make) await run(bin, args, { env });
    const kinds = ['configmap/d-cm', 'secret/d-secret', 'serviceaccount/d-sa', 'deployment/d-deploy', 'job/d-job', 'cronjob/d-cron', 'service/d-svc', 'role/d-role', 'rolebinding/d-rb', 'clusterrole/d-cr', 'clusterrolebinding/d-crb', 'resourcequota/d-quota', 'poddisruptionbudget/d-pdb', 'priorityclass/d-pc', 'ingress/d-ing', 'pod/d-pod'];
    const undescribed: string[] = [];
    for (const ref of kinds) {
      const out = await run(bin, ['describe', ref], { env }).then((r) => r.stdout).catch((e) => `ERROR ${e.stderr}`);
      if (!new RegExp(`^Name:\\s+${ref.split('/')[1]}\\n`).test(out)) undescribed.push(`${ref}: ${out.slice(0, 200)}`);
    }
    t.same(undescribed, [], `kubectl describe works for ${kinds.length} kinds`);
    const described = (await run(bin, ['describe', 'namespace', 'kube-system'], { env })).stdout;
    t.match(described, /Name:\s+kube-system\nLabels:\s+kubernetes.io\/metadata.name=kube-system/);
    t.match((await run(bin, ['describe', 'service', 'kubernetes'], { env })).stdout, /IP:\s+10\.43\.0\.1/);
  });
}
