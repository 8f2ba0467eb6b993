// Builds and signs X.509 v3 certificates (RFC 5280) with node:crypto: the DER is ours, the keys and the
// signature are OpenSSL's. Synchronous and pure apart from randomness (serial numbers) and key generation.
// Callers: certificate-authority.ts only.
import { createHash, createPublicKey, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import * as der from './der.js';

export type ExtKeyUsage = 'serverAuth' | 'clientAuth';

export interface CertificateTemplate {
  subject: { commonName: string; organizations?: string[] };
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  isCa?: boolean;
  extKeyUsage?: ExtKeyUsage[];
  dnsNames?: string[];
  ips?: string[];
}

/** Who signs: a CA's certificate and key, or, with no `cert`, the template's own key (self-signed). */
export interface CertificateSigner {
  key: KeyObject;
  cert?: X509Certificate;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

// KeyUsage named bits (RFC 5280 §4.2.1.3) as bits of the first octet, most significant first.
const KEY_USAGE = { digitalSignature: 0x80, keyCertSign: 0x04, cRLSign: 0x02 } as const;

export function createCertificate(template: CertificateTemplate, signer: CertificateSigner): X509Certificate {
  const subject = encodeName(template.subject);
  const issuerName = signer.cert ? subjectNameOf(signer.cert) : subject;
  const issuerKeyId = keyIdentifier(signer.cert ? signer.cert.publicKey : template.publicKey);
  const algorithm = signatureAlgorithm(signer.key);

  const extensions: Buffer[] = [
    extension(OID.keyUsage, true, keyUsageBits(template.isCa ? KEY_USAGE.digitalSignature | KEY_USAGE.keyCertSign | KEY_USAGE.cRLSign : KEY_USAGE.digitalSignature)),
    extension(OID.basicConstraints, true, template.isCa ? der.sequence(der.boolean(true)) : der.sequence()),
  ];
  if (template.extKeyUsage?.length) extensions.push(extension(OID.extKeyUsage, false, der.sequence(...template.extKeyUsage.map((u) => der.oid(OID[u])))));
  if (template.isCa) extensions.push(extension(OID.subjectKeyIdentifier, false, der.octetString(keyIdentifier(template.publicKey))));
  if (signer.cert) extensions.push(extension(OID.authorityKeyIdentifier, false, der.sequence(der.implicit(0, issuerKeyId))));
  const altNames = [...(template.dnsNames ?? []).map((n) => der.implicit(2, Buffer.from(n, 'ascii'))), ...(template.ips ?? []).map((ip) => der.implicit(7, ipBytes(ip)))];
  if (altNames.length) extensions.push(extension(OID.subjectAltName, false, der.sequence(...altNames)));

  const tbs = der.sequence(
    der.explicit(0, der.integer(2)), // v3
    der.integer(randomSerial()),
    algorithm.identifier,
    issuerName,
    der.sequence(der.time(template.notBefore), der.time(template.notAfter)),
    subject,
    template.publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(3, der.sequence(...extensions)),
  );
  const signature = sign(algorithm.hash, tbs, signer.key); // ECDSA: DER Ecdsa-Sig-Value, as X.509 wants
  return new X509Certificate(der.sequence(tbs, algorithm.identifier, der.bitString(signature)));
}

/** Subject as Go's crypto/x509 orders it (O before CN), every value a UTF8String. */
function encodeName(name: CertificateTemplate['subject']): Buffer {
  const rdn = (type: string, value: string) => der.setOf1(der.sequence(der.oid(type), der.utf8String(value)));
  return der.sequence(...(name.organizations ?? []).map((o) => rdn(OID.organization, o)), rdn(OID.commonName, name.commonName));
}

/** The issuer's subject Name exactly as encoded in its certificate (chain building compares the bytes). */
function subjectNameOf(cert: X509Certificate): Buffer {
  const tbs = der.children(der.children(der.readElement(cert.raw))[0]!);
  const v = tbs[0]!.tag === 0xa0 ? 1 : 0; // [0] version, then serial, signature, issuer, validity, subject
  return tbs[v + 4]!.raw;
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits, as Go and OpenSSL compute it. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = der.children(der.readElement(publicKey.export({ type: 'spki', format: 'der' })));
  return createHash('sha1').update(spki[1]!.value.subarray(1)).digest();
}

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.oid(id), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

/** A one-octet named-bit BIT STRING with trailing zero bits dropped, as DER requires. */
function keyUsageBits(bits: number): Buffer {
  let unused = 0;
  while (unused < 7 && !(bits & (1 << unused))) unused++;
  return der.bitString(Buffer.from([bits]), unused);
}

function signatureAlgorithm(key: KeyObject): { identifier: Buffer; hash: string } {
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') return { identifier: der.sequence(der.oid('1.2.840.10045.4.3.2')), hash: 'sha256' };
    if (curve === 'secp384r1') return { identifier: der.sequence(der.oid('1.2.840.10045.4.3.3')), hash: 'sha384' };
    throw new TypeError(`unsupported signing key: EC curve ${curve}`);
  }
  if (key.asymmetricKeyType === 'rsa') return { identifier: der.sequence(der.oid('1.2.840.113549.1.1.11'), der.nullValue()), hash: 'sha256' };
  throw new TypeError(`unsupported signing key type ${key.asymmetricKeyType}`);
}

/** 128 random bits, positive and minimally encoded (Go rejects negative or padded serials). */
function randomSerial(): Buffer {
  const serial = randomBytes(16);
  serial[0] = (serial[0]! % 0x7f) + 1;
  return serial;
}

/** The 4 or 16 octets of a SAN iPAddress. */
export function ipBytes(ip: string): Buffer {
  const family = isIP(ip);
  if (family === 4) return Buffer.from(ip.split('.').map(Number));
  if (family !== 6 || ip.includes('%')) throw new TypeError(`not an IP address: ${ip}`);
  const canonical = canonicalIp(ip); // compressed hex, embedded IPv4 already turned into hex groups
  const [head = '', tail] = canonical.split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

/** One spelling per address (RFC 5952 for IPv6), so that `::1` and `0:0:0:0:0:0:0:1` compare equal. */
export function canonicalIp(ip: string): string {
  if (isIP(ip) === 4) return ip;
  if (isIP(ip) !== 6 || ip.includes('%')) throw new TypeError(`not an IP address: ${ip}`);
  return new URL(`http://[${ip}]/`).hostname.slice(1, -1);
}

/** The public half of a private key, as an SPKI PEM. */
export function publicKeyPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string;
}
