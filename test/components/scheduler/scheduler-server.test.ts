// `k8ts server` runs the scheduler in-process behind its Lease: a pod created with kubectl lands on a
// registered node and `kubectl describe` shows the Scheduled event; `--disable scheduler` leaves pods Pending.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { kubectlBinary, startServer, type ServerProcess } from '../../helpers/k8ts-server.js';

const run = promisify(execFile);
const bin = kubectlBinary(33) ?? kubectlBinary(32);
const NODE = 'apiVersion: v1\nkind: Node\nmetadata: {name: fake1, labels: {kubernetes.io/hostname: fake1}}\nstatus:\n  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}\n  capacity: {cpu: "4", memory: 8Gi, pods: "110"}\n  conditions: [{type: Ready, status: "True"}]\n';

async function withServer(t: { teardown(f: () => Promise<void>): void }, args: string[], body: (k: (a: string[]) => Promise<string>) => Promise<void>) {
  const home = mkdtempSync(join(tmpdir(), 'k8ts-sched-server-'));
  const server: ServerProcess = await startServer({ args });
  t.teardown(async () => {
    await server.stop();
    rmSync(home, { recursive: true, force: true });
  });
  const k = async (a: string[]) => (await run(bin!, a, { env: { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig } })).stdout;
  writeFileSync(join(home, 'node.yaml'), NODE);
  await k(['apply', '-f', join(home, 'node.yaml')]);
  await body(k);
}

const nodeName = async (k: (a: string[]) => Promise<string>, ms = 5000) => {
  const end = Date.now() + ms;
  for (;;) {
    const n = await k(['get', 'pod', 'web', '-o', 'jsonpath={.spec.nodeName}']);
    if (n || Date.now() > end) return n;
    await new Promise((r) => setTimeout(r, 100));
  }
};

if (!bin) {
  t.plan(0, 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine');
} else {
  t.test('the server schedules pods', (t) =>
    withServer(t, ['--disable', 'agent'], async (k) => {
      await k(['run', 'web', '--image=busybox']);
      t.equal(await nodeName(k), 'fake1');
      t.match(await k(['describe', 'pod', 'web']), /Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default\/web to fake1/);
      t.match(await k(['get', 'lease', 'kube-scheduler', '-n', 'kube-system', '-o', 'jsonpath={.spec.holderIdentity}']), /\S+_[0-9a-f]{8}/);
    }),
  );
  t.test('--disable scheduler leaves pods Pending', (t) =>
    withServer(t, ['--disable', 'scheduler,agent'], async (k) => {
      await k(['run', 'web', '--image=busybox']);
      t.equal(await nodeName(k, 1500), '');
    }),
  );
}
