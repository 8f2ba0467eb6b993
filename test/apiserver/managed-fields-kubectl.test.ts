// managedFields as stock kubectl sees them: `kubectl create configmap` then `kubectl label`, each recorded
// under kubectl's field manager for the command.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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
  time: string;
  fieldsType: string;
  fieldsV1: unknown;
  subresource?: string;
}

if (!bin) {
  t.plan(0, 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine');
} else {
  let server: ServerProcess;
  const home = mkdtempSync(join(tmpdir(), 'k8ts-managed-fields-'));
  t.before(async () => {
    server = await startServer();
  });
  t.teardown(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  t.test('kubectl create and label record their managers', async (t) => {
    const env = { ...process.env, HOME: home, KUBECONFIG: server.kubeconfig };
    const k = async (args: string[]) => (await run(bin, args, { env })).stdout;
    const managed = async () => {
      const cm = JSON.parse(await k(['get', 'cm', 'mf', '-o', 'json', '--show-managed-fields'])) as { metadata: { managedFields?: Entry[] } };
      return cm.metadata.managedFields ?? [];
    };
    const rfc3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

    t.equal(await k(['create', 'configmap', 'mf', '--from-literal=a=b']), 'configmap/mf created\n');
    const created = await managed();
    t.equal(created.length, 1);
    t.match(created[0], { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', time: rfc3339, fieldsType: 'FieldsV1' });
    t.same(created[0]!.fieldsV1, { 'f:data': { '.': {}, 'f:a': {} } });
    t.notOk('subresource' in created[0]!);
    t.notMatch(await k(['get', 'cm', 'mf', '-o', 'yaml']), /managedFields/, 'kubectl hides them by default');
    t.match(await k(['get', 'cm', 'mf', '-o', 'yaml', '--show-managed-fields']), /manager: kubectl-create/);

    t.equal(await k(['label', 'cm', 'mf', 'k=v']), 'configmap/mf labeled\n');
    const labelled = await managed();
    t.same(labelled.map((e) => e.manager), ['kubectl-create', 'kubectl-label']);
    t.same(labelled[0]!.fieldsV1, { 'f:data': { '.': {}, 'f:a': {} } });
    t.same(labelled[1]!.fieldsV1, { 'f:metadata': { 'f:labels': { '.': {}, 'f:k': {} } } });

    t.equal(await k(['label', 'cm', 'mf', 'k-']), 'configmap/mf unlabeled\n');
    t.same((await managed()).map((e) => e.manager), ['kubectl-create'], 'the label gone, its manager goes too');
  });
}
