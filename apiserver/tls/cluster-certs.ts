// DIR/tls: the cluster's certificates and keys. Created on the first start and loaded unchanged after, so
// that kubeconfigs and component credentials keep working across restarts; a leaf certificate is reissued
// only when it nears expiry, lacks a requested name, or was not signed by the CA on disk. The CA is never
// replaced. File names follow k3s's server/tls folder. Called once at start by `k8ts server`; the first
// call takes tens of milliseconds (mostly the RSA service-account key), later ones a few.
import { createPrivateKey, createPublicKey, generateKeyPair, X509Certificate, type KeyObject } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { writeFileAtomic } from './atomic-write.js';
import { publicKeyPem } from './certificate.js';
import { CertificateAuthority, type CertKeyPem, type LeafSpec } from './certificate-authority.js';
import { TlsFileError } from './errors.js';
import { renewalReason, servingAltNames } from './renewal.js';

export type { CertKeyPem } from './certificate-authority.js';

export const TLS_FILES = {
  caCert: 'server-ca.crt',
  caKey: 'server-ca.key',
  servingCert: 'serving-kube-apiserver.crt',
  servingKey: 'serving-kube-apiserver.key',
  adminCert: 'client-admin.crt',
  adminKey: 'client-admin.key',
  serviceAccountKey: 'service.key',
  serviceAccountPublicKey: 'service.pub',
} as const;

export interface EnsureClusterCertsOptions {
  /** Extra DNS names for the serving certificate (an IP here counts as an IP). */
  hostnames: string[];
  /** Extra IP addresses for the serving certificate. */
  ips: string[];
  now?: Date;
}

export type CertItem = 'ca' | 'serving' | 'admin' | 'service-account';

export interface ClusterCerts {
  caCert: string;
  caKey: string;
  /** serverAuth; SANs: localhost, kubernetes[.default[.svc[.cluster.local]]], 127.0.0.1, ::1, 10.43.0.1, the requested names. */
  servingCert: string;
  servingKey: string;
  /** CN system:admin, O system:masters, clientAuth. */
  adminCert: string;
  adminKey: string;
  /** PKCS#8 PEM (RSA 2048, as k3s and kubeadm): signs service account tokens with RS256. */
  serviceAccountKey: string;
  /** SPKI PEM of serviceAccountKey: verifies those tokens. */
  serviceAccountPublicKey: string;
  /** What this call created or reissued, and why: empty on an ordinary restart. For the caller to log. */
  generated: Array<{ item: CertItem; reason: string }>;
  /** A new key and client certificate (clientAuth, one year) for a component's identity; not stored. */
  issueClientCert(commonName: string, organizations?: string[]): CertKeyPem;
}

type Paths = { [K in keyof typeof TLS_FILES]: string };

/** Creates what is missing in `tlsDir` (mode 0700; keys 0600), reissues what is stale, returns it all as PEM. */
export async function ensureClusterCerts(tlsDir: string, options: EnsureClusterCertsOptions): Promise<ClusterCerts> {
  const now = options.now ?? new Date();
  const altNames = servingAltNames(options);
  await mkdir(tlsDir, { recursive: true, mode: 0o700 });
  await chmod(tlsDir, 0o700);
  const paths = Object.fromEntries(Object.entries(TLS_FILES).map(([k, f]) => [k, join(tlsDir, f)])) as Paths;

  const ca = await ensureCa(paths, now);
  const [serving, admin, sa] = await Promise.all([
    ensureLeaf(ca.ca, [paths.servingCert, paths.servingKey], { commonName: 'kube-apiserver', usage: 'serverAuth', ...altNames }, now),
    ensureLeaf(ca.ca, [paths.adminCert, paths.adminKey], { commonName: 'system:admin', organizations: ['system:masters'], usage: 'clientAuth' }, now),
    ensureServiceAccountKey(paths),
  ]);

  const generated: ClusterCerts['generated'] = [];
  for (const [item, r] of [['ca', ca], ['serving', serving], ['admin', admin], ['service-account', sa]] as const) {
    if (r.reason) generated.push({ item, reason: r.reason });
  }
  return {
    caCert: ca.pem.cert,
    caKey: ca.pem.key,
    servingCert: serving.pem.cert,
    servingKey: serving.pem.key,
    adminCert: admin.pem.cert,
    adminKey: admin.pem.key,
    serviceAccountKey: sa.pem.key,
    serviceAccountPublicKey: sa.pem.publicKey,
    generated,
    issueClientCert: (commonName, organizations = []) => ca.ca.issue({ commonName, organizations, usage: 'clientAuth' }, options.now ?? new Date()),
  };
}

interface Ensured<T = CertKeyPem> {
  pem: T;
  /** Set when this call wrote the files. */
  reason?: string;
}

interface ServiceAccountKeyPem {
  key: string;
  publicKey: string;
}

const CA_HINT =
  'restore it from a backup: a new CA would invalidate every kubeconfig and certificate the old one signed (to start over with a new cluster identity, remove both server-ca files)';

async function ensureCa(paths: Paths, now: Date): Promise<Ensured & { ca: CertificateAuthority }> {
  const pair = await readPair(paths.caCert, paths.caKey, CA_HINT);
  if (!pair) {
    const { ca, pem } = CertificateAuthority.create(`k8ts-server-ca@${Math.floor(now.getTime() / 1000)}`, now);
    await writePair(paths.caCert, paths.caKey, pem);
    return { ca, pem, reason: 'created' };
  }
  const cert = parseCert(paths.caCert, pair.cert);
  const key = parseKey(paths.caKey, pair.key);
  if (!cert.ca) throw new TlsFileError(paths.caCert, 'is not a CA certificate (no basicConstraints CA:TRUE)');
  if (!cert.checkPrivateKey(key)) throw new TlsFileError(paths.caKey, `is not the key of ${TLS_FILES.caCert}`);
  if (new Date(cert.validTo) <= now) throw new TlsFileError(paths.caCert, `expired on ${new Date(cert.validTo).toISOString()}`);
  return { ca: new CertificateAuthority(cert, key), pem: pair };
}

async function ensureLeaf(ca: CertificateAuthority, [certPath, keyPath]: [string, string], spec: LeafSpec, now: Date): Promise<Ensured> {
  const pair = await readPair(certPath, keyPath, `remove ${basename(certPath)} and ${basename(keyPath)} to have them reissued`);
  let reason = 'created';
  if (pair) {
    const cert = parseCert(certPath, pair.cert);
    if (!cert.checkPrivateKey(parseKey(keyPath, pair.key))) throw new TlsFileError(keyPath, `is not the key of ${basename(certPath)}`);
    const missing = [
      ...(spec.dnsNames ?? []).filter((name) => cert.checkHost(name, { subject: 'never', wildcards: false }) === undefined),
      ...(spec.ips ?? []).filter((ip) => cert.checkIP(ip) === undefined),
    ];
    const why = renewalReason({ notAfter: new Date(cert.validTo), signedByCa: ca.signed(cert), missing }, now);
    if (!why) return { pem: pair };
    reason = why;
  }
  const pem = ca.issue(spec, now);
  await writePair(certPath, keyPath, pem);
  return { pem, reason };
}

const generateRsaKeyPair = promisify(generateKeyPair);

/** service.key and its public half service.pub. */
async function ensureServiceAccountKey(paths: Paths): Promise<Ensured<ServiceAccountKeyPem>> {
  const keyPem = await readOptional(paths.serviceAccountKey);
  const pubPem = await readOptional(paths.serviceAccountPublicKey);
  if (keyPem === undefined) {
    if (pubPem !== undefined) {
      throw new TlsFileError(paths.serviceAccountKey, `missing, but ${TLS_FILES.serviceAccountPublicKey} exists; restore it, or remove ${TLS_FILES.serviceAccountPublicKey} too to start a new key (existing service account tokens stop verifying)`);
    }
    const { privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
    const pem = { key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, publicKey: publicKeyPem(privateKey) };
    await writeFileAtomic(paths.serviceAccountKey, pem.key, 0o600);
    await writeFileAtomic(paths.serviceAccountPublicKey, pem.publicKey, 0o644);
    return { pem, reason: 'created' };
  }
  const key = parseKey(paths.serviceAccountKey, keyPem);
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    throw new TlsFileError(paths.serviceAccountKey, `is a ${key.asymmetricKeyType} key; service account tokens need RSA or ECDSA`);
  }
  if (pubPem === undefined) {
    const derived = publicKeyPem(key);
    await writeFileAtomic(paths.serviceAccountPublicKey, derived, 0o644);
    return { pem: { key: keyPem, publicKey: derived }, reason: `${TLS_FILES.serviceAccountPublicKey} was missing: derived it from ${TLS_FILES.serviceAccountKey}` };
  }
  let pub: KeyObject;
  try {
    pub = createPublicKey(pubPem);
  } catch (err) {
    throw new TlsFileError(paths.serviceAccountPublicKey, `not a PEM public key (${(err as Error).message})`);
  }
  if (!pub.equals(createPublicKey(key))) throw new TlsFileError(paths.serviceAccountPublicKey, `is not the public half of ${TLS_FILES.serviceAccountKey}`);
  return { pem: { key: keyPem, publicKey: pubPem } };
}

/** Both files, neither, or a TlsFileError naming the missing one. */
async function readPair(certPath: string, keyPath: string, hint: string): Promise<CertKeyPem | undefined> {
  const [cert, key] = await Promise.all([readOptional(certPath), readOptional(keyPath)]);
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined) throw new TlsFileError(certPath, `missing, but ${basename(keyPath)} exists; ${hint}`);
  if (key === undefined) throw new TlsFileError(keyPath, `missing, but ${basename(certPath)} exists; ${hint}`);
  return { cert, key };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TlsFileError(path, `unreadable (${(err as Error).message})`);
  }
}

/** The key first: a crash between the two renames leaves a pair that fails loudly, not a stale-key mix. */
async function writePair(certPath: string, keyPath: string, pem: CertKeyPem): Promise<void> {
  await writeFileAtomic(keyPath, pem.key, 0o600);
  await writeFileAtomic(certPath, pem.cert, 0o644);
}

function parseCert(path: string, pem: string): X509Certificate {
  try {
    return new X509Certificate(pem);
  } catch (err) {
    throw new TlsFileError(path, `not a PEM certificate (${(err as Error).message})`);
  }
}

function parseKey(path: string, pem: string): KeyObject {
  try {
    return createPrivateKey(pem);
  } catch (err) {
    throw new TlsFileError(path, `not a PEM private key (${(err as Error).message})`);
  }
}
