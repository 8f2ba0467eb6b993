// Who may do what, as stock kubectl users meet it: `kubectl auth can-i` (single and --list), `auth whoami`,
// --as impersonation, an RBAC matrix of the user-facing roles, a service-account token from `kubectl
// create token` used with curl, a new user added with openssl and a CertificateSigningRequest approved
// with `kubectl certificate approve`, and 401 for every resource path without credentials.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { parse as parseYaml } from 'yaml';
import { kubectlBinary, startServer, type ServerProcess } from '../helpers/k8ts-server.js';

const run = promisify(execFile);
const bin = kubectlBinary(33) ?? kubectlBinary(32);

if (!bin) {
  t.plan(0, 'no kubectl.1.33 or kubectl.1.32 beside /usr/bin/kubectl on this machine');
} else {
  let server: ServerProcess;
  let ca: string;
  const home = mkdtempSync(join(tmpdir(), 'k8ts-auth-kubectl-'));
  const tokenFile = join(home, 'tokens.csv');
  writeFileSync(tokenFile, 'token-jane,jane,u-jane,"devs"\ntoken-bob,bob,u-bob\n');
  t.before(async () => {
    server = await startServer({ args: ['--token-auth-file', tokenFile] });
    const admin = parseYaml(readFileSync(server.kubeconfig, 'utf8'));
    ca = Buffer.from(admin.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
    writeFileSync(join(home, 'ca.crt'), ca);
  });
  t.teardown(async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  /** A kubeconfig for a user with a token or a client certificate. */
  const kubeconfigFor = (name: string, user: Record<string, string>) => {
    const path = join(home, `${name}.kubeconfig`);
    const cfg = {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'k8ts', cluster: { server: server.server, 'certificate-authority': join(home, 'ca.crt') } }],
      users: [{ name, user }],
      contexts: [{ name, context: { cluster: 'k8ts', user: name } }],
      'current-context': name,
    };
    writeFileSync(path, JSON.stringify(cfg));
    return path;
  };
  const kubectl = async (kubeconfig: string, args: string[]) => {
    try {
      const r = await run(bin, args, { env: { ...process.env, HOME: home, KUBECONFIG: kubeconfig } });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const admin = (args: string[]) => kubectl(server.kubeconfig, args);

  t.test('can-i, whoami and impersonation', async (t) => {
    await admin(['create', 'namespace', 'dev']);
    t.equal((await admin(['create', 'rolebinding', 'jane-edit', '--clusterrole=edit', '--user=jane', '-n', 'dev'])).code, 0);
    const jane = kubeconfigFor('jane', { token: 'token-jane' });
    t.match(await kubectl(jane, ['auth', 'can-i', 'create', 'deployments', '-n', 'dev']), { code: 0, stdout: 'yes\n' });
    t.match(await kubectl(jane, ['auth', 'can-i', 'create', 'roles', '-n', 'dev']), { code: 1, stdout: 'no\n' });
    t.match(await kubectl(jane, ['auth', 'can-i', 'get', 'pods', '-n', 'default']), { code: 1, stdout: 'no\n' });
    const list = await kubectl(jane, ['auth', 'can-i', '--list', '-n', 'dev']);
    t.equal(list.code, 0, list.stderr);
    t.match(list.stdout, /^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs\n/);
    t.match(list.stdout, /deployments\.apps\s+\[\]\s+\[\]\s+\[create delete deletecollection patch update get list watch\]/);
    t.match(list.stdout, /selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
    const who = await kubectl(jane, ['auth', 'whoami']);
    t.equal(who.code, 0, who.stderr);
    t.match(who.stdout, /Username\s+jane\n/);
    t.match(who.stdout, /UID\s+u-jane\n/);
    t.match(who.stdout, /Groups\s+\[devs system:authenticated\]\n/);
    const denied = await kubectl(jane, ['get', 'pods', '-n', 'default']);
    t.equal(denied.code, 1);
    t.match(denied.stderr, 'Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"');
    t.match(await admin(['auth', 'can-i', 'create', 'deployments', '-n', 'dev', '--as', 'jane']), { code: 0, stdout: 'yes\n' });
    t.match(await admin(['auth', 'can-i', 'create', 'deployments', '-n', 'default', '--as', 'jane']), { code: 1, stdout: 'no\n' });
    t.match((await admin(['auth', 'whoami', '--as', 'jane', '--as-group', 'qa'])).stdout, /Groups\s+\[qa system:authenticated\]/);
    const bob = kubeconfigFor('bob', { token: 'token-bob' });
    const asJane = await kubectl(bob, ['get', 'pods', '-n', 'dev', '--as', 'jane']);
    t.match(asJane.stderr, 'users "jane" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope');
    // With the right to create bindings but not to hold admin, binding admin is an escalation.
    await admin(['create', 'role', 'binder', '--verb=create', '--resource=rolebindings.rbac.authorization.k8s.io', '-n', 'dev']);
    await admin(['create', 'rolebinding', 'jane-binder', '--role=binder', '--user=jane', '-n', 'dev']);
    const escalate = await kubectl(jane, ['create', 'rolebinding', 'self-admin', '--clusterrole=admin', '--user=jane', '-n', 'dev']);
    t.equal(escalate.code, 1);
    t.match(escalate.stderr, /rolebindings.rbac.authorization.k8s.io "self-admin" is forbidden: user "jane" \(groups=\["devs" "system:authenticated"\]\) is attempting to grant RBAC permissions not currently held/);
  });

  t.test('the user-facing roles, as RBAC matrix through kubectl auth can-i', async (t) => {
    for (const role of ['view', 'edit', 'admin', 'cluster-admin']) {
      await admin(['create', 'rolebinding', `u-${role}`, `--clusterrole=${role}`, `--user=u-${role}`, '-n', 'dev']);
    }
    // Upstream's documented user-facing roles (view < edit < admin < cluster-admin in a namespace).
    const expected: Record<string, Record<string, string[]>> = {
      view: { 'get pods': ['yes'], 'list secrets': ['no'], 'create deployments': ['no'], 'get pods/log': ['yes'], 'create pods/exec': ['no'], 'create roles': ['no'], 'update resourcequotas': ['no'], 'delete namespaces': ['no'] },
      edit: { 'get pods': ['yes'], 'list secrets': ['yes'], 'create deployments': ['yes'], 'get pods/log': ['yes'], 'create pods/exec': ['yes'], 'create roles': ['no'], 'update resourcequotas': ['no'], 'delete namespaces': ['no'] },
      admin: { 'get pods': ['yes'], 'list secrets': ['yes'], 'create deployments': ['yes'], 'get pods/log': ['yes'], 'create pods/exec': ['yes'], 'create roles': ['yes'], 'update resourcequotas': ['no'], 'delete namespaces': ['no'] },
      'cluster-admin': { 'get pods': ['yes'], 'list secrets': ['yes'], 'create deployments': ['yes'], 'get pods/log': ['yes'], 'create pods/exec': ['yes'], 'create roles': ['yes'], 'update resourcequotas': ['yes'], 'delete namespaces': ['yes'] },
    };
    const cases = Object.entries(expected).flatMap(([role, checks]) => Object.entries(checks).map(([q, [answer]]) => ({ role, q, answer: answer! })));
    const results = new Map<string, string>();
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map(async (c) => {
          const [verb, resource] = c.q.split(' ');
          const r = await admin(['auth', 'can-i', verb!, resource!, '-n', 'dev', '--as', `u-${c.role}`]);
          results.set(`${c.role} ${c.q}`, r.stdout.trim());
        }),
      );
    }
    for (const c of cases) t.equal(results.get(`${c.role} ${c.q}`), c.answer, `${c.role}: ${c.q}`);
  });

  t.test('a service-account token from kubectl create token works with curl', async (t) => {
    await admin(['create', 'serviceaccount', 'robot', '-n', 'dev']);
    await admin(['create', 'rolebinding', 'robot-view', '--clusterrole=view', '--serviceaccount=dev:robot', '-n', 'dev']);
    const token = (await admin(['create', 'token', 'robot', '-n', 'dev'])).stdout.trim();
    t.match(token, /^eyJ/);
    const curl = async (tok: string) =>
      (await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', join(home, 'ca.crt'), '-H', `Authorization: Bearer ${tok}`, `${server.server}/api/v1/namespaces/dev/pods`])).stdout;
    t.equal(await curl(token), '200');
    const [h, p, s] = token.split('.');
    t.equal(await curl(`${h}.${p}x.${s}`), '401', 'tampered');
    t.equal(
      (await run('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '--cacert', join(home, 'ca.crt'), '-H', `Authorization: Bearer ${token}`, `${server.server}/api/v1/namespaces/default/secrets`])).stdout,
      '403',
      'view in dev says nothing about default',
    );
    await admin(['delete', 'serviceaccount', 'robot', '-n', 'dev']);
    t.equal(await curl(token), '401', 'the account is gone');
  });

  t.test('a new user the upstream way: openssl, a CSR, kubectl certificate approve', async (t) => {
    const key = join(home, 'alice.key');
    const csrPem = join(home, 'alice.csr');
    await run('openssl', ['genrsa', '-out', key, '2048']);
    await run('openssl', ['req', '-new', '-key', key, '-subj', '/CN=alice/O=devs', '-out', csrPem]);
    const csr = {
      apiVersion: 'certificates.k8s.io/v1',
      kind: 'CertificateSigningRequest',
      metadata: { name: 'alice' },
      spec: { request: readFileSync(csrPem).toString('base64'), signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'] },
    };
    writeFileSync(join(home, 'csr.json'), JSON.stringify(csr));
    t.equal((await admin(['apply', '-f', join(home, 'csr.json')])).code, 0);
    t.match((await admin(['get', 'csr', 'alice'])).stdout, /alice\s+\S+\s+kubernetes.io\/kube-apiserver-client\s+system:admin\s+24h\s+Pending/);
    t.match((await admin(['certificate', 'approve', 'alice'])).stdout, /certificatesigningrequest.certificates.k8s.io\/alice approved/);
    let cert = '';
    for (let i = 0; i < 50 && !cert; i++) {
      cert = (await admin(['get', 'csr', 'alice', '-o', 'jsonpath={.status.certificate}'])).stdout;
      if (!cert) await new Promise((r) => setTimeout(r, 100));
    }
    t.ok(cert, 'the certificate was issued');
    t.match((await admin(['get', 'csr', 'alice'])).stdout, /Approved,Issued/);
    writeFileSync(join(home, 'alice.crt'), Buffer.from(cert, 'base64'));
    const alice = kubeconfigFor('alice', { 'client-certificate': join(home, 'alice.crt'), 'client-key': key });
    t.match((await kubectl(alice, ['auth', 'whoami'])).stdout, /Username\s+alice\n[\s\S]*Groups\s+\[devs system:authenticated\]/);
    t.match(await kubectl(alice, ['get', 'configmaps', '-n', 'dev']), { code: 1, stderr: /forbidden: User "alice" cannot list resource "configmaps"/ });
    await admin(['create', 'rolebinding', 'alice-view', '--clusterrole=view', '--user=alice', '-n', 'dev']);
    t.match(await kubectl(alice, ['get', 'configmaps', '-n', 'dev']), { code: 0, stdout: /kube-root-ca.crt|^$/ });
    const deny = await admin(['certificate', 'deny', 'alice']);
    t.not(deny.code, 0, 'an approved request cannot also be denied');
  });

  t.test('every resource path refuses requests without credentials', async (t) => {
    const get = (path: string, authorization?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const u = new URL(path, server.server);
        const req = request({ host: u.hostname, port: u.port, path: u.pathname, ca, headers: authorization ? { authorization } : {} }, (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const token = 'Bearer token-jane';
    const groups = JSON.parse((await get('/apis', token)).body).groups as Array<{ preferredVersion: { groupVersion: string } }>;
    const lists = ['/api/v1', ...groups.map((g) => `/apis/${g.preferredVersion.groupVersion}`)];
    let checked = 0;
    for (const gv of lists) {
      const resources = JSON.parse((await get(gv, token)).body).resources as Array<{ name: string; namespaced: boolean }>;
      for (const r of resources) {
        const path = r.name.includes('/') ? `${gv}/${r.namespaced ? 'namespaces/dev/' : ''}${r.name.split('/')[0]}/x/${r.name.split('/')[1]}` : `${gv}/${r.name}`;
        const res = await get(path);
        t.equal(res.status, 401, path);
        checked++;
      }
    }
    t.ok(checked > 80, `${checked} resource paths checked`);
    for (const path of ['/api', '/apis', '/version', '/healthz', '/openapi/v3', '/openapi/v2']) t.equal((await get(path)).status, 401, path);
  });
}
