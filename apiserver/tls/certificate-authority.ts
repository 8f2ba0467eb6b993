// The cluster CA: creates itself, and issues serving and client certificates. Key types and lifetimes
// mirror k3s (rancher/dynamiclistener's cert package): ECDSA P-256 keys, a 10-year self-signed CA, 1-year
// leaves; leaves are backdated an hour against clock skew between machines. No I/O: cluster-certs.ts
// reads and writes the files.
import { generateKeyPairSync, type KeyObject, type X509Certificate } from 'node:crypto';
import { createCertificate, type ExtKeyUsage } from './certificate.js';

export const CA_VALIDITY_DAYS = 3650;
export const LEAF_VALIDITY_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
const BACKDATE_MS = 60 * 60 * 1000;

/** A certificate and its private key, both PEM (the key PKCS#8), ready for node:tls or a kubeconfig. */
export interface CertKeyPem {
  cert: string;
  key: string;
}

export interface LeafSpec {
  commonName: string;
  organizations?: string[];
  usage: ExtKeyUsage;
  dnsNames?: string[];
  ips?: string[];
}

export class CertificateAuthority {
  constructor(
    readonly cert: X509Certificate,
    private readonly key: KeyObject,
  ) {}

  /** A new self-signed CA named `commonName` (k3s: `k3s-server-ca@<unix seconds>`). */
  static create(commonName: string, now: Date): { ca: CertificateAuthority; pem: CertKeyPem } {
    const { publicKey, privateKey } = newKeyPair();
    const cert = createCertificate(
      { subject: { commonName }, notBefore: new Date(now.getTime() - BACKDATE_MS), notAfter: new Date(now.getTime() + CA_VALIDITY_DAYS * DAY_MS), publicKey, isCa: true },
      { key: privateKey },
    );
    return { ca: new CertificateAuthority(cert, privateKey), pem: { cert: cert.toString(), key: pkcs8Pem(privateKey) } };
  }

  /** A fresh key and a certificate for it, signed by this CA, valid for a year from `now`. */
  issue(spec: LeafSpec, now: Date): CertKeyPem {
    const { publicKey, privateKey } = newKeyPair();
    const cert = createCertificate(
      {
        subject: { commonName: spec.commonName, organizations: spec.organizations ?? [] },
        notBefore: new Date(now.getTime() - BACKDATE_MS),
        notAfter: new Date(now.getTime() + LEAF_VALIDITY_DAYS * DAY_MS),
        publicKey,
        extKeyUsage: [spec.usage],
        dnsNames: spec.dnsNames ?? [],
        ips: spec.ips ?? [],
      },
      { key: this.key, cert: this.cert },
    );
    return { cert: cert.toString(), key: pkcs8Pem(privateKey) };
  }

  /** A client certificate for someone else's key (a CertificateSigningRequest's), valid `validityMs` from `now`. */
  signClient(subject: { commonName: string; organizations: string[] }, publicKey: KeyObject, now: Date, validityMs: number): string {
    const cert = createCertificate(
      {
        subject,
        notBefore: new Date(now.getTime() - BACKDATE_MS),
        notAfter: new Date(Math.min(now.getTime() + validityMs, Date.parse(this.cert.validTo))),
        publicKey,
        extKeyUsage: ['clientAuth'],
      },
      { key: this.key, cert: this.cert },
    );
    return cert.toString();
  }

  /** Whether `cert` names this CA as issuer and carries its valid signature. */
  signed(cert: X509Certificate): boolean {
    return cert.checkIssued(this.cert) && cert.verify(this.cert.publicKey);
  }
}

function newKeyPair(): { publicKey: KeyObject; privateKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function pkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}
