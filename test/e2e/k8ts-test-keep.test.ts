// `k8ts test --keep`: the verdicts first, then the ephemeral cluster stays up with a kubeconfig that
// kubectl can use, until Ctrl-C; then it is gone, certificate directory included. Without a terminal the
// progress comes as plain lines, one per object as it settles.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { K8TS } from '../helpers/k8ts-process.js';
import { kubectlBinary } from '../helpers/k8ts-server.js';
import { until } from '../helpers/until.js';

const run = promisify(execFile);
const bin = kubectlBinary(33) ?? kubectlBinary(32);
const APPS = join(import.meta.dirname, '../fixtures/apps');

t.test('k8ts test --keep leaves a cluster kubectl can use, until Ctrl-C', { skip: bin ? false : 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine' }, async (t) => {
  const child = spawn(process.execPath, [K8TS, 'test', '-f', join(APPS, 'good'), '--keep'], { stdio: ['ignore', 'pipe', 'pipe'] });
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const kept = await until(async () => (/the cluster keeps running/.test(stderr) ? true : undefined), 60_000, 100);
  t.ok(kept, `the --keep line on stderr:\n${stderr}`);
  const kubeconfig = /kubectl --kubeconfig (\S+)/.exec(stderr)![1]!;
  t.match(stdout, /^PASS: 10 objects settled in [\d.]+ s$/m, 'the verdicts come first');
  t.match(stderr, /^\[\d+\.\d s\] ready {2}Deployment shop\/web$/m, 'plain progress lines without a terminal');
  t.notMatch(stderr, /\x1b\[K/, 'no terminal control codes in a pipe');
  const k = async (args: string[]) => (await run(bin!, ['--kubeconfig', kubeconfig, ...args], { timeout: 30_000 })).stdout;
  const phases = (await k(['get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'jsonpath={.items[*].status.phase}'])).trim().split(' ');
  t.ok(phases.length >= 1 && phases.every((p) => p === 'Running'), `web pods running in the kept cluster: ${phases.join(',')}`);
  await k(['create', 'configmap', 'poke', '-n', 'shop', '--from-literal=a=b']);
  t.match(await k(['get', 'configmap', 'poke', '-n', 'shop', '-o', 'jsonpath={.data.a}']), 'b', 'the kept cluster takes writes');
  child.kill('SIGINT');
  t.equal(await exited, 0, 'exit code of the passed run after Ctrl-C');
  t.notOk(existsSync(dirname(kubeconfig)), 'the ephemeral cluster directory is removed');
});
