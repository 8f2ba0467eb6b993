// Simulated nodes as users meet them: `k8ts server --simulate-nodes 2` (this machine's node is simulated
// too) driven with kubectl, and `k8ts test` on the sample apps under test/fixtures/apps.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { K8TS } from '../helpers/k8ts-process.js';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';
import { until } from '../helpers/until.js';

const run = promisify(execFile);
const bin = kubectlBinary(33) ?? kubectlBinary(32);
const APPS = join(import.meta.dirname, '../fixtures/apps');

async function k8tsTest(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const r = await run(process.execPath, [K8TS, 'test', ...args], { timeout: 60_000 });
    return { code: 0, stdout: r.stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

t.test('k8ts test passes good apps and fails broken ones with the cluster\'s words', async (t) => {
  const good = await k8tsTest(['-f', join(APPS, 'good')]);
  t.equal(good.code, 0, good.stdout);
  t.match(good.stdout, /^PASS: 10 objects settled in [\d.]+ s$/m);
  t.match(good.stdout, /^ok {3}Deployment shop\/web {2}\[.*web\.yaml:22\]$/m);
  const bad = await k8tsTest(['-f', join(APPS, 'broken'), '--timeout', '6s']);
  t.equal(bad.code, 1);
  t.match(bad.stdout, /Deployment default\/api .*CreateContainerConfigError: configmap "db-config" not found/);
  t.match(bad.stdout, /Pod default\/huge .*0\/3 nodes are available: 3 Insufficient cpu\./);
  t.match(bad.stdout, /Service default\/orphan .*selector app=nothing-has-this-label matches no pods/);
  t.match(bad.stdout, /Deployment default\/worker .*FailedCreate: pods "worker-[a-z0-9]+-" is forbidden: error looking up service account default\/worker-bot: serviceaccount "worker-bot" not found/);
  t.match(bad.stdout, /FAIL ConfigMap default\/typo {2}\[.*typo\.yaml:9\]: ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dataa"/);
  const json = JSON.parse((await k8tsTest(['-f', join(APPS, 'broken', 'typo.yaml'), '--output', 'json', '--timeout', '3s'])).stdout);
  t.equal(json.passed, false);
  t.match(json.objects, [{ kind: 'Service', verdict: { state: 'pending' } }, { kind: 'ConfigMap', verdict: { state: 'failed' } }]);
  const junit = (await k8tsTest(['-f', join(APPS, 'good'), '--output', 'junit'])).stdout;
  t.match(junit, /<testsuite name="k8ts test" tests="10" failures="0"/);
  const alone = (await k8tsTest(['-f', join(APPS, 'good', 'jobs.yaml'), '--output', 'junit'])).stdout;
  t.match(alone, /<failure message="namespaces &quot;shop&quot; not found"/, 'without its namespace, nothing in it can be made');
});

if (!bin) {
  t.test('kubectl against simulated nodes', { skip: 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine' }, () => undefined);
} else {
  t.test('kubectl against simulated nodes', async (t) => {
    const home = mkdtempSync(join(tmpdir(), 'k8ts-e2e-sim-'));
    const server: ServerProcess = await startServer({ args: ['--simulate-nodes', '2', '--node-name', 'local'] });
    t.teardown(async () => {
      await server.stop();
      rmSync(home, { recursive: true, force: true });
    });
    const k = async (args: string[]) => (await run(bin, args, { env: { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig }, timeout: 60_000 })).stdout;
    t.equal((await k(['get', 'nodes', '-o', 'name'])).trim().split('\n').length, 3);
    await k(['apply', '-f', join(APPS, 'good', 'web.yaml')]);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']), /successfully rolled out/);
    const nodes = new Set((await k(['-n', 'shop', 'get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' '));
    t.ok(nodes.size >= 2, `spread over nodes: ${[...nodes].join(', ')}`);
    const ips = await until(async () => {
      const out = await k(['-n', 'shop', 'get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']);
      return out.split(' ').filter(Boolean).length === 3 ? out : undefined;
    }, 10_000);
    t.match(ips, /^10\.42\.\d+\.\d+( 10\.42\.\d+\.\d+){2}$/, 'three pod IPs from the nodes\' /24s');
    await k(['-n', 'shop', 'scale', 'deployment/web', '--replicas=5']);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']), /successfully rolled out/);
    await k(['-n', 'shop', 'scale', 'deployment/web', '--replicas=3']);
    await k(['-n', 'shop', 'set', 'image', 'deployment/web', 'web=busybox:1.37']);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=40s']), /successfully rolled out/);
    await k(['-n', 'shop', 'rollout', 'undo', 'deployment/web']);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=40s']), /successfully rolled out/);
    t.match(await k(['-n', 'shop', 'wait', '--for=condition=Available', 'deployment/web', '--timeout=30s']), /condition met/);

    writeFileSync(join(home, 'job.json'), JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'twice', namespace: 'shop' }, spec: { completions: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }));
    await k(['apply', '-f', join(home, 'job.json')]);
    t.match(await k(['-n', 'shop', 'wait', '--for=condition=complete', 'job/twice', '--timeout=40s']), /condition met/);

    await k(['apply', '-f', join(APPS, 'broken', 'too-big.yaml')]);
    const message = await until(async () => (await k(['get', 'pod', 'huge', '-o', 'jsonpath={.status.conditions[?(@.type=="PodScheduled")].message}'])) || undefined, 10_000);
    t.match(message, /^0\/3 nodes are available: 3 Insufficient cpu\./);
    await k(['apply', '-f', join(APPS, 'broken', 'missing-config.yaml')]);
    const reason = await until(async () => {
      const r = await k(['get', 'pods', '-l', 'app=api', '-o', 'jsonpath={.items[0].status.containerStatuses[0].state.waiting.reason}']);
      return r === 'CreateContainerConfigError' ? r : undefined;
    }, 10_000);
    t.equal(reason, 'CreateContainerConfigError');

    writeFileSync(join(home, 'crash.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crashy', annotations: { 'sim.k8ts.io/crash-loop': 'true', 'sim.k8ts.io/run-seconds': '1' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }));
    await k(['apply', '-f', join(home, 'crash.json')]);
    const crash = await until(async () => {
      const s = JSON.parse(await k(['get', 'pod', 'crashy', '-o', 'json'])).status?.containerStatuses?.[0];
      return s?.state?.waiting?.reason === 'CrashLoopBackOff' && s.restartCount >= 1 ? s : undefined;
    }, 30_000);
    t.ok(crash, 'CrashLoopBackOff');
    t.ok(crash.restartCount >= 1, `restartCount ${crash.restartCount}`);

    await k(['cordon', 'local']);
    t.equal(await k(['get', 'node', 'local', '-o', 'jsonpath={.spec.unschedulable}']), 'true');
    t.match(await k(['drain', 'local', '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=60s']), /node\/local drained/);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=40s']), /successfully rolled out/);
    t.equal((await k(['get', 'pods', '-A', '--field-selector=spec.nodeName=local', '-o', 'name'])).trim(), '', 'nothing left on the drained node');
  });
}
