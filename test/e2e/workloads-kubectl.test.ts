// The control plane of `k8ts server` as kubectl users meet it, with a stand-in kubelet that runs what is
// bound to its node: a deployment rolls out, is updated, rolled back and scaled (`kubectl rollout
// status`, `kubectl wait`), its Service's endpoints follow the ready pods, a Job with completions 3
// completes, and deleting a namespace empties and removes it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { startFakeKubelet, type FakeKubelet } from '../helpers/fake-kubelet.js';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';
import { until } from '../helpers/until.js';

const run = promisify(execFile);
const bin = kubectlBinary(33) ?? kubectlBinary(32);

if (!bin) {
  t.plan(0, 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine');
} else {
  let server: ServerProcess;
  let kubelet: FakeKubelet;
  const more: FakeKubelet[] = [];
  const home = mkdtempSync(join(tmpdir(), 'k8ts-e2e-workloads-'));
  t.before(async () => {
    // The stand-in kubelets below are the only nodes: this machine's simulated node is left out.
    server = await startServer({ args: ['--disable', 'agent'] });
    kubelet = await startFakeKubelet(server.kubeconfig, 'node-a');
  });
  t.teardown(async () => {
    kubelet?.stop();
    for (const m of more) m.stop();
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });
  const k = async (args: string[]) => (await run(bin, args, { env: { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig }, timeout: 60_000 })).stdout;

  t.test('a deployment rolls out, updates, rolls back and scales', async (t) => {
    await k(['create', 'namespace', 'shop']);
    await k(['-n', 'shop', 'create', 'deployment', 'web', '--image=busybox:1', '--replicas=3']);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']), /deployment "web" successfully rolled out/);
    t.match(await k(['-n', 'shop', 'wait', '--for=condition=Available', 'deployment/web', '--timeout=30s']), /condition met/);
    t.match(await k(['-n', 'shop', 'get', 'deployment', 'web']), /web\s+3\/3\s+3\s+3/);
    await k(['-n', 'shop', 'set', 'image', 'deployment/web', 'busybox=busybox:2']);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']), /successfully rolled out/);
    t.match(await k(['-n', 'shop', 'rollout', 'history', 'deployment/web']), /REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    await k(['-n', 'shop', 'rollout', 'undo', 'deployment/web']);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']), /successfully rolled out/);
    t.equal(await k(['-n', 'shop', 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}']), 'busybox:1');
    t.equal(await k(['-n', 'shop', 'get', 'deployment', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}']), '3');
    t.equal((await k(['-n', 'shop', 'get', 'rs', '-o', 'name'])).trim().split('\n').length, 2, 'the undo reused the first ReplicaSet');
    await k(['-n', 'shop', 'scale', 'deployment', 'web', '--replicas=5']);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']), /successfully rolled out/);
    t.equal((await k(['-n', 'shop', 'get', 'pods', '-l', 'app=web', '-o', 'name'])).trim().split('\n').length, 5);
    t.match(await k(['-n', 'shop', 'describe', 'deployment', 'web']), /ScalingReplicaSet\s+.*deployment-controller\s+(\(combined from similar events\): )?Scaled up replica set web-\w+ to 5 from 3/);
  });

  t.test('endpoints follow the ready pods', async (t) => {
    await k(['-n', 'shop', 'expose', 'deployment', 'web', '--port=80']);
    const addresses = await until(async () => {
      const ips = await k(['-n', 'shop', 'get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[*].addresses[*].ip}']);
      return ips.split(' ').filter(Boolean).length === 5 ? ips : undefined;
    }, 15_000);
    t.ok(addresses, 'five ready addresses');
    const slice = await k(['-n', 'shop', 'get', 'endpointslices', '-l', 'kubernetes.io/service-name=web', '-o', 'jsonpath={.items[0].endpoints[*].conditions.ready}']);
    t.equal(slice.trim(), 'true true true true true');
  });

  t.test('a job with completions 3 completes', async (t) => {
    const job = join(home, 'job.json');
    writeFileSync(job, JSON.stringify({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'thrice', namespace: 'shop' }, spec: { completions: 3, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }));
    await k(['apply', '-f', job]);
    t.match(await k(['-n', 'shop', 'wait', '--for=condition=complete', 'job/thrice', '--timeout=40s']), /condition met/);
    t.match(await k(['-n', 'shop', 'get', 'job', 'thrice']), /thrice\s+Complete\s+3\/3/);
  });

  t.test('the kubernetes service points at the apiserver', async (t) => {
    const port = new URL(server.server).port;
    t.equal(await k(['get', 'endpoints', 'kubernetes', '-o', 'jsonpath={.subsets[0].ports[0].port}']), port);
    t.equal(await k(['get', 'endpointslice', 'kubernetes', '-o', 'jsonpath={.ports[0].port}']), port);
  });

  t.test('a StatefulSet comes up in order with local-path volumes; a DaemonSet skips a tainted node', async (t) => {
    more.push(await startFakeKubelet(server.kubeconfig, 'node-b', 43));
    more.push(await startFakeKubelet(server.kubeconfig, 'node-gpu', 44, { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }));
    const sts = join(home, 'sts.json');
    writeFileSync(
      sts,
      JSON.stringify({
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'db', namespace: 'shop' },
        spec: {
          serviceName: 'db',
          replicas: 3,
          selector: { matchLabels: { app: 'db' } },
          template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'busybox', volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } },
          volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
        },
      }),
    );
    await k(['apply', '-f', sts]);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'statefulset/db', '--timeout=40s']), /partitioned roll out complete|roll out complete/);
    const created = JSON.parse(await k(['-n', 'shop', 'get', 'pods', '-l', 'app=db', '-o', 'json'])).items.map((p: { metadata: { name: string; creationTimestamp: string } }) => [p.metadata.name, p.metadata.creationTimestamp]);
    t.same(created.map((c: string[]) => c[0]).sort(), ['db-0', 'db-1', 'db-2']);
    const byName = Object.fromEntries(created);
    t.ok(byName['db-0'] <= byName['db-1'] && byName['db-1'] <= byName['db-2'], 'created in ordinal order');
    const claims = await until(async () => {
      const out = await k(['-n', 'shop', 'get', 'pvc', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.phase}/{.spec.storageClassName} {end}']);
      return (out.match(/=Bound\/local-path/g) ?? []).length === 3 ? out : undefined;
    }, 20_000);
    t.match(claims, /data-db-0=Bound\/local-path/, 'claims bound to local-path volumes');
    t.match(await k(['get', 'pv', '-o', 'jsonpath={.items[0].spec.hostPath.path}']), new RegExp(`^${server.dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/storage/pvc-`));

    const ds = join(home, 'ds.json');
    writeFileSync(ds, JSON.stringify({ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } } }));
    await k(['apply', '-f', ds]);
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'daemonset/agent', '--timeout=40s']), /successfully rolled out/);
    const nodes = (await k(['-n', 'shop', 'get', 'pods', '-l', 'app=agent', '-o', 'jsonpath={.items[*].spec.nodeName}'])).split(' ').sort();
    t.same(nodes, ['node-a', 'node-b'], 'every node but the tainted one');
  });

  t.test('kubectl drain honours a PodDisruptionBudget', async (t) => {
    const pdb = join(home, 'pdb.json');
    writeFileSync(pdb, JSON.stringify({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'shop' }, spec: { minAvailable: 5, selector: { matchLabels: { app: 'web' } } } }));
    await k(['apply', '-f', pdb]);
    await until(async () => ((await k(['-n', 'shop', 'get', 'pdb', 'web', '-o', 'jsonpath={.status.currentHealthy}'])) === '5' ? true : undefined), 15_000);
    const onA = (await k(['-n', 'shop', 'get', 'pods', '-l', 'app=web', '--field-selector=spec.nodeName=node-a', '-o', 'name'])).trim();
    const blocked = await run(bin, ['drain', 'node-a', '--pod-selector=app=web', '--ignore-daemonsets', '--timeout=6s'], { env: { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig } }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    if (onA) {
      t.not(blocked.code, 0, 'the budget blocks the drain');
      t.match(blocked.stderr, /Cannot evict pod as it would violate the pod's disruption budget/);
    }
    await k(['-n', 'shop', 'patch', 'pdb', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":4}}']);
    t.match(await k(['drain', 'node-a', '--pod-selector=app=web', '--ignore-daemonsets', '--timeout=60s']), /node\/node-a drained/);
    t.equal(await k(['get', 'node', 'node-a', '-o', 'jsonpath={.spec.unschedulable}']), 'true', 'cordoned');
    t.match(await k(['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=40s']), /successfully rolled out/);
    t.equal((await k(['-n', 'shop', 'get', 'pods', '-l', 'app=web', '--field-selector=spec.nodeName=node-a', '-o', 'name'])).trim(), '', 'nothing of web left on node-a');
  });

  t.test('deleting a namespace empties and removes it', async (t) => {
    t.match(await k(['delete', 'namespace', 'shop', '--timeout=60s']), /namespace "shop" deleted/);
    t.match(await run(bin, ['get', 'namespace', 'shop'], { env: { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig } }).catch((e: { stderr: string }) => ({ stderr: e.stderr })).then((r) => (r as { stderr: string }).stderr), /namespaces "shop" not found/);
  });
}
