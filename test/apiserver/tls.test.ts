// The cluster's certificates and the admin kubeconfig: made once, reused unchanged across restarts,
// reissued only when stale, never a silent overwrite of the CA; accepted by OpenSSL (node:tls) and by Go
// (real kubectl) alike.
import { execFile } from 'node:child_process';
import { createPrivateKey, createPublicKey, sign, verify, X509Certificate } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { promisify } from 'node:util';
import t from 'tap';
import { parse } from 'yaml';
import { ipBytes } from '../../apiserver/tls/certificate.js';
import { ensureClusterCerts, TLS_FILES, type ClusterCerts } from '../../apiserver/tls/cluster-certs.js';
import * as der from '../../apiserver/tls/der.js';
import { TlsFileError } from '../../apiserver/tls/errors.js';
import { writeKubeconfig } from '../../apiserver/tls/kubeconfig.js';
import { renewalReason, servingAltNames } from '../../apiserver/tls/renewal.js';

const run = promisify(execFile);
const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date(); // real time: the handshakes below check validity against the real clock
const SANS = { hostnames: ['myhost.example'], ips: ['192.168.7.7'] };
const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';

const tempDir = (t: Scope) => {
  const dir = mkdtempSync(join(tmpdir(), 'k8ts-tls-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};
const files = (dir: string) => new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
const mode = (path: string) => statSync(path).mode & 0o777;
/** What the helpers need of a tap test: somewhere to clean up. */
type Scope = { teardown(fn: () => unknown): void };
const after = (days: number) => new Date(NOW.getTime() + days * DAY);

// One generation shared by the tests that only read it; tests that change files work on a copy.
const baseDir = mkdtempSync(join(tmpdir(), 'k8ts-tls-base-'));
t.teardown(() => rmSync(baseDir, { recursive: true, force: true }));
const started = performance.now();
const base: ClusterCerts = await ensureClusterCerts(join(baseDir, 'tls'), { ...SANS, now: NOW });
const firstMs = performance.now() - started;
const ca = new X509Certificate(base.caCert);
const copyOfBase = (t: Scope) => {
  const dir = join(tempDir(t), 'tls');
  cpSync(join(baseDir, 'tls'), dir, { recursive: true });
  return dir;
};

t.test('the first start creates a CA, a serving and an admin certificate and the service-account key', async (t) => {
  t.comment(`first generation took ${firstMs.toFixed(1)} ms`);
  const dir = join(baseDir, 'tls');
  t.same([...files(dir).keys()].sort(), Object.values(TLS_FILES).sort());
  t.equal(mode(dir), 0o700);
  for (const key of [TLS_FILES.caKey, TLS_FILES.servingKey, TLS_FILES.adminKey, TLS_FILES.serviceAccountKey]) t.equal(mode(join(dir, key)), 0o600, key);
  t.same(base.generated.map((g) => g.item), ['ca', 'serving', 'admin', 'service-account']);
  t.equal(base.caCert, readFileSync(join(dir, TLS_FILES.caCert), 'utf8'));
  t.equal(base.servingKey, readFileSync(join(dir, TLS_FILES.servingKey), 'utf8'));

  t.equal(ca.ca, true);
  t.match(ca.subject, /^CN=k8ts-server-ca@\d+$/);
  t.equal(ca.subject, `CN=k8ts-server-ca@${Math.floor(NOW.getTime() / 1000)}`);
  t.ok(ca.verify(ca.publicKey), 'self-signed');
  t.equal(ca.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
  t.equal(Math.round((Date.parse(ca.validTo) - NOW.getTime()) / DAY), 3650);

  const serving = new X509Certificate(base.servingCert);
  t.ok(serving.verify(ca.publicKey), 'serving certificate signed by the CA');
  t.ok(serving.checkIssued(ca));
  t.equal(serving.ca, false);
  t.same(serving.keyUsage, [SERVER_AUTH]);
  for (const san of ['DNS:localhost', 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc', 'DNS:kubernetes.default.svc.cluster.local', 'DNS:myhost.example', 'IP Address:127.0.0.1', 'IP Address:10.43.0.1', 'IP Address:192.168.7.7']) {
    t.ok(serving.subjectAltName?.split(', ').includes(san), san);
  }
  t.equal(serving.checkHost('localhost'), 'localhost');
  t.equal(serving.checkHost('kubernetes.default.svc'), 'kubernetes.default.svc');
  t.equal(serving.checkIP('127.0.0.1'), '127.0.0.1');
  t.equal(serving.checkIP('::1'), '::1');
  t.equal(serving.checkIP('10.43.0.1'), '10.43.0.1');
  t.equal(serving.checkHost('elsewhere.example'), undefined);
  t.equal(Math.round((Date.parse(serving.validTo) - NOW.getTime()) / DAY), 365);

  const admin = new X509Certificate(base.adminCert);
  t.same(admin.subject.split('\n'), ['O=system:masters', 'CN=system:admin']);
  t.ok(admin.verify(ca.publicKey), 'admin certificate signed by the CA');
  t.same(admin.keyUsage, [CLIENT_AUTH]);

  const sa = createPublicKey(base.serviceAccountPublicKey);
  t.equal(sa.asymmetricKeyType, 'rsa');
  t.equal(sa.asymmetricKeyDetails?.modulusLength, 2048);
  t.match(base.serviceAccountKey, /^-----BEGIN PRIVATE KEY-----\n/); // PKCS#8, what jose's importPKCS8 reads
  const signature = sign('sha256', Buffer.from('token'), base.serviceAccountKey);
  t.ok(verify('sha256', Buffer.from('token'), sa, signature), 'service.pub verifies what service.key signs');
});

t.test('a restart loads every file unchanged', async (t) => {
  const dir = copyOfBase(t);
  const before = files(dir);
  const again = await ensureClusterCerts(dir, { ...SANS, now: after(30) });
  t.same(again.generated, []);
  t.same(files(dir), before);
  t.equal(again.caCert, base.caCert);
  t.equal(again.servingCert, base.servingCert);
  t.equal(again.adminKey, base.adminKey);
  t.equal(again.serviceAccountKey, base.serviceAccountKey);
  const fewer = await ensureClusterCerts(dir, { hostnames: [], ips: [], now: after(30) });
  t.same(fewer.generated, [], 'names no longer asked for do not force a new certificate');
  t.same(files(dir), before);
});

t.test('a new hostname or IP reissues only the serving certificate, under the same CA', async (t) => {
  const dir = copyOfBase(t);
  const before = files(dir);
  const more = await ensureClusterCerts(dir, { hostnames: [...SANS.hostnames, 'extra.example'], ips: [...SANS.ips, 'fd00::7'], now: after(1) });
  t.same(more.generated.map((g) => g.item), ['serving']);
  t.match(more.generated[0]!.reason, /does not cover extra\.example, fd00::7/);
  const now = files(dir);
  for (const [name, bytes] of before) {
    const changed = name === TLS_FILES.servingCert || name === TLS_FILES.servingKey;
    t.equal(bytes.equals(now.get(name)!), !changed, `${name} ${changed ? 'reissued' : 'unchanged'}`);
  }
  const serving = new X509Certificate(more.servingCert);
  t.ok(serving.verify(ca.publicKey));
  t.equal(serving.checkHost('extra.example'), 'extra.example');
  t.equal(serving.checkHost('myhost.example'), 'myhost.example');
  t.equal(serving.checkIP('fd00::7'), 'fd00::7');
});

t.test('certificates within 90 days of expiry are reissued; the CA is kept', async (t) => {
  const dir = copyOfBase(t);
  const keep = await ensureClusterCerts(dir, { ...SANS, now: after(274) }); // 91 days left
  t.same(keep.generated, []);
  const later = after(300);
  const renewed = await ensureClusterCerts(dir, { ...SANS, now: later });
  t.same(renewed.generated.map((g) => g.item), ['serving', 'admin']);
  t.match(renewed.generated[0]!.reason, /within 90 days/);
  t.equal(renewed.caCert, base.caCert);
  t.equal(renewed.caKey, base.caKey);
  t.equal(renewed.serviceAccountKey, base.serviceAccountKey);
  const admin = new X509Certificate(renewed.adminCert);
  t.ok(admin.verify(ca.publicKey));
  t.equal(Math.round((Date.parse(admin.validTo) - later.getTime()) / DAY), 365);
});

t.test('removing both CA files starts a new CA, and every leaf follows it', async (t) => {
  const dir = copyOfBase(t);
  unlinkSync(join(dir, TLS_FILES.caCert));
  unlinkSync(join(dir, TLS_FILES.caKey));
  const fresh = await ensureClusterCerts(dir, { ...SANS, now: NOW });
  t.same(fresh.generated, [
    { item: 'ca', reason: 'created' },
    { item: 'serving', reason: 'not signed by the cluster CA' },
    { item: 'admin', reason: 'not signed by the cluster CA' },
  ]);
  t.ok(new X509Certificate(fresh.servingCert).verify(new X509Certificate(fresh.caCert).publicKey));
});

t.test('broken or partial files are errors naming the file, and nothing is overwritten', async (t) => {
  const cases: Array<[string, (dir: string) => void, string, RegExp]> = [
    ['corrupt CA certificate', (d) => writeFileSync(join(d, TLS_FILES.caCert), 'garbage\n'), TLS_FILES.caCert, /not a PEM certificate/],
    ['CA key missing', (d) => unlinkSync(join(d, TLS_FILES.caKey)), TLS_FILES.caKey, /missing, but server-ca\.crt exists; restore it/],
    ['CA certificate missing', (d) => unlinkSync(join(d, TLS_FILES.caCert)), TLS_FILES.caCert, /missing, but server-ca\.key exists/],
    ['CA key of another certificate', (d) => cpSync(join(d, TLS_FILES.adminKey), join(d, TLS_FILES.caKey)), TLS_FILES.caKey, /is not the key of server-ca\.crt/],
    ['truncated CA key', (d) => writeFileSync(join(d, TLS_FILES.caKey), base.caKey.slice(0, 60)), TLS_FILES.caKey, /not a PEM private key/],
    ['serving certificate corrupt', (d) => writeFileSync(join(d, TLS_FILES.servingCert), ''), TLS_FILES.servingCert, /not a PEM certificate/],
    ['admin key missing', (d) => unlinkSync(join(d, TLS_FILES.adminKey)), TLS_FILES.adminKey, /remove client-admin\.crt and client-admin\.key/],
    ['service.key missing', (d) => unlinkSync(join(d, TLS_FILES.serviceAccountKey)), TLS_FILES.serviceAccountKey, /missing, but service\.pub exists/],
    ['service.pub of another key', (d) => writeFileSync(join(d, TLS_FILES.serviceAccountPublicKey), createPublicKey(base.adminKey).export({ type: 'spki', format: 'pem' })), TLS_FILES.serviceAccountPublicKey, /is not the public half/],
  ];
  for (const [name, breakIt, file, message] of cases) {
    const dir = copyOfBase(t);
    breakIt(dir);
    const before = files(dir);
    const err = await ensureClusterCerts(dir, { ...SANS, now: NOW }).catch((e: unknown) => e);
    t.ok(err instanceof TlsFileError, `${name}: a TlsFileError`);
    t.equal((err as TlsFileError).file, join(dir, file), `${name}: names ${file}`);
    t.match((err as Error).message, message, name);
    t.same(files(dir), before, `${name}: no file touched`);
  }
});

t.test('a missing service.pub is derived again from service.key', async (t) => {
  const dir = copyOfBase(t);
  unlinkSync(join(dir, TLS_FILES.serviceAccountPublicKey));
  const again = await ensureClusterCerts(dir, { ...SANS, now: NOW });
  t.same(again.generated.map((g) => g.item), ['service-account']);
  t.equal(readFileSync(join(dir, TLS_FILES.serviceAccountPublicKey), 'utf8'), base.serviceAccountPublicKey);
});

t.test('issueClientCert signs component identities with the cluster CA and stores nothing', async (t) => {
  const dir = join(baseDir, 'tls');
  const before = files(dir);
  const scheduler = base.issueClientCert('system:kube-scheduler');
  const node = base.issueClientCert('system:node:n1', ['system:nodes']);
  t.same(new X509Certificate(scheduler.cert).subject, 'CN=system:kube-scheduler');
  const cert = new X509Certificate(node.cert);
  t.same(cert.subject.split('\n'), ['O=system:nodes', 'CN=system:node:n1']);
  t.ok(cert.verify(ca.publicKey));
  t.same(cert.keyUsage, [CLIENT_AUTH]);
  t.ok(cert.checkPrivateKey(createPrivateKey(node.key)));
  t.same(files(dir), before);
});

/** An HTTPS server on port 0 with the serving certificate that requires a client certificate from the CA. */
async function startServer(t: Scope): Promise<{ url: string; peers: Array<{ authorized: boolean; subject: Record<string, unknown> }> }> {
  const peers: Array<{ authorized: boolean; subject: Record<string, unknown> }> = [];
  const server: Server = createServer({ cert: base.servingCert, key: base.servingKey, ca: base.caCert, requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const socket = req.socket as TLSSocket;
    peers.push({ authorized: socket.authorized, subject: { ...socket.getPeerCertificate().subject } });
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0-k8ts-tls-test' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, peers };
}

t.test('a real TLS handshake: the server presents the serving certificate, the client the admin one', async (t) => {
  const { url, peers } = await startServer(t);
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(`${url}/version`, { ca: base.caCert, cert: base.adminCert, key: base.adminKey }, (res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c));
      res.on('end', () => resolve(data));
    });
    req.on('error', reject);
    req.end();
  });
  t.match(JSON.parse(body), { major: '1' });
  t.same(peers, [{ authorized: true, subject: { O: 'system:masters', CN: 'system:admin' } }]);
});

t.test('the kubeconfig: standard fields, inline credentials, 0600, replaced atomically', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'kubeconfig.yaml');
  writeFileSync(path, 'old\n');
  chmodSync(path, 0o644);
  await writeKubeconfig(path, { server: 'https://127.0.0.1:6443', caPem: base.caCert, clientCertPem: base.adminCert, clientKeyPem: base.adminKey });
  t.equal(mode(path), 0o600);
  t.same(readdirSync(dir), ['kubeconfig.yaml'], 'no temporary file left behind');
  const config = parse(readFileSync(path, 'utf8'));
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  t.same(config, {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'default', cluster: { server: 'https://127.0.0.1:6443', 'certificate-authority-data': b64(base.caCert) } }],
    contexts: [{ name: 'default', context: { cluster: 'default', user: 'default' } }],
    'current-context': 'default',
    preferences: {},
    users: [{ name: 'default', user: { 'client-certificate-data': b64(base.adminCert), 'client-key-data': b64(base.adminKey) } }],
  });
});

/** kubectl.1.32 as the brief names it, else the newest kubectl.1.* beside /usr/bin/kubectl's target. */
function findKubectl(): string | undefined {
  if (existsSync('/usr/bin/kubectl.1.32')) return '/usr/bin/kubectl.1.32';
  let dir: string;
  try {
    dir = dirname(realpathSync('/usr/bin/kubectl'));
  } catch {
    return undefined;
  }
  const versions = readdirSync(dir).filter((f) => /^kubectl\.1\.\d+$/.test(f));
  const pick = versions.includes('kubectl.1.32') ? 'kubectl.1.32' : versions.sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]))[0];
  return pick && join(dir, pick);
}

const kubectl = findKubectl();
t.test('kubectl (Go) reads the kubeconfig, verifies the serving chain and is accepted with the admin certificate', { skip: kubectl ? false : 'no kubectl: neither /usr/bin/kubectl.1.32 nor a kubectl.1.* beside /usr/bin/kubectl\'s target' }, async (t) => {
  const { url, peers } = await startServer(t);
  const dir = tempDir(t);
  const path = join(dir, 'kubeconfig.yaml');
  await writeKubeconfig(path, { server: url, caPem: base.caCert, clientCertPem: base.adminCert, clientKeyPem: base.adminKey });
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir };
  const view = await run(kubectl!, ['--kubeconfig', path, 'config', 'view', '--raw', '-o', 'jsonpath={.clusters[0].cluster.server}'], { env, timeout: 30_000 });
  t.equal(view.stdout, url);
  const version = await run(kubectl!, ['--kubeconfig', path, 'get', '--raw', '/version'], { env, timeout: 30_000 });
  t.match(JSON.parse(version.stdout), { gitVersion: 'v1.32.0-k8ts-tls-test' });
  t.match(peers[0], { authorized: true, subject: { O: 'system:masters', CN: 'system:admin' } });
});

t.test('servingAltNames: defaults first, requested after, one spelling each', async (t) => {
  const names = servingAltNames({ hostnames: ['Node-1.Example', '10.0.0.9', 'localhost'], ips: ['0:0:0:0:0:0:0:1', '::ffff:1.2.3.4'] });
  t.same(names.dnsNames, ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local', 'node-1.example']);
  t.same(names.ips, ['127.0.0.1', '::1', '10.43.0.1', '10.0.0.9', '::ffff:102:304']);
  t.throws(() => servingAltNames({ hostnames: [], ips: ['not-an-ip'] }), TypeError);
  t.throws(() => servingAltNames({ hostnames: ['two words'], ips: [] }), TypeError);
});

t.test('renewalReason', async (t) => {
  const now = new Date('2030-01-01T00:00:00Z');
  const days = (n: number) => new Date(now.getTime() + n * DAY);
  const table: Array<[string, Parameters<typeof renewalReason>[0], RegExp | undefined]> = [
    ['fresh', { notAfter: days(365), signedByCa: true, missing: [] }, undefined],
    ['91 days left', { notAfter: days(91), signedByCa: true, missing: [] }, undefined],
    ['90 days left', { notAfter: days(90), signedByCa: true, missing: [] }, /within 90 days/],
    ['expired', { notAfter: days(-1), signedByCa: true, missing: [] }, /^expired on 2029-12-31/],
    ['a name missing', { notAfter: days(365), signedByCa: true, missing: ['a.example', '10.0.0.1'] }, /^does not cover a\.example, 10\.0\.0\.1$/],
    ['another CA', { notAfter: days(365), signedByCa: false, missing: [] }, /^not signed by the cluster CA$/],
  ];
  for (const [name, facts, want] of table) {
    const got = renewalReason(facts, now);
    if (want) t.match(got, want, name);
    else t.equal(got, undefined, name);
  }
});

t.test('DER encoding', async (t) => {
  const hex = (b: Buffer) => b.toString('hex');
  t.equal(hex(der.integer(0)), '020100');
  t.equal(hex(der.integer(127)), '02017f');
  t.equal(hex(der.integer(128)), '02020080');
  t.equal(hex(der.integer(Buffer.from([0, 0, 1]))), '020101');
  t.equal(hex(der.oid('1.2.840.113549.1.1.11')), '06092a864886f70d01010b');
  t.equal(hex(der.oid('2.5.29.17')), '0603551d11');
  t.equal(hex(der.time(new Date('2049-12-31T23:59:59.999Z'))), hex(Buffer.concat([Buffer.from([0x17, 13]), Buffer.from('491231235959Z')])));
  t.equal(hex(der.time(new Date('2050-01-01T00:00:00Z'))), hex(Buffer.concat([Buffer.from([0x18, 15]), Buffer.from('20500101000000Z')])));
  t.equal(hex(der.octetString(Buffer.alloc(200)).subarray(0, 3)), '0481c8');
  t.equal(hex(der.octetString(Buffer.alloc(300)).subarray(0, 4)), '0482012c');
  const seq = der.sequence(der.integer(5), der.utf8String('x'));
  t.same(der.children(der.readElement(seq)).map((c) => hex(c.raw)), ['020105', '0c0178']);
  t.throws(() => der.readElement(seq.subarray(0, 4)), RangeError);
  t.equal(hex(ipBytes('10.43.0.1')), '0a2b0001');
  t.equal(hex(ipBytes('::ffff:1.2.3.4')), '00000000000000000000ffff01020304');
  t.equal(hex(ipBytes('fd00::7')), 'fd000000000000000000000000000007');
  t.throws(() => ipBytes('fe80::1%eth0'), TypeError);
});
