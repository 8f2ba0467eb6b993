// PKCS#10 certificate requests (RFC 2986), as `openssl req` and client-go write them: the subject's
// common name and organizations, the public key, and a check of the self-signature. Pure; throws
// Pkcs10Error on anything malformed.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { children, readElement, type DerElement } from '../../tls/der.js';

export class Pkcs10Error extends Error {}

export interface CertificateRequest {
  commonName: string;
  organizations: string[];
  publicKey: KeyObject;
}

const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';

/** Signature algorithm OID → hash name for crypto.verify (null: the key type decides, as for Ed25519). */
const SIGNATURE_HASHES: Record<string, string | null> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
  '1.3.101.112': null,
};

/** The DER of a `-----BEGIN CERTIFICATE REQUEST-----` PEM (or of raw DER). */
export function requestDer(pemOrDer: Buffer): Buffer {
  const text = pemOrDer.toString('latin1');
  const m = /-----BEGIN (?:NEW )?CERTIFICATE REQUEST-----([\s\S]*?)-----END (?:NEW )?CERTIFICATE REQUEST-----/.exec(text);
  if (m) return Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64');
  if (text.includes('-----BEGIN')) throw new Pkcs10Error('PEM block type must be CERTIFICATE REQUEST');
  return pemOrDer;
}

export function parseCertificateRequest(pemOrDer: Buffer): CertificateRequest {
  try {
    const top = readElement(requestDer(pemOrDer));
    const [info, algorithm, signature] = children(top);
    if (!info || !algorithm || !signature) throw new Pkcs10Error('not a certificate request');
    const [, subject, spki] = children(info);
    if (!subject || !spki) throw new Pkcs10Error('not a certificate request');
    const publicKey = createPublicKey({ key: spki.raw, format: 'der', type: 'spki' });
    const oid = decodeOid(children(algorithm)[0]!);
    if (!(oid in SIGNATURE_HASHES)) throw new Pkcs10Error(`unsupported signature algorithm ${oid}`);
    const sig = signature.value.subarray(1); // BIT STRING: first octet counts unused bits
    if (!verify(SIGNATURE_HASHES[oid] ?? null, info.raw, publicKey, sig)) throw new Pkcs10Error('the request signature does not verify');
    const names = subjectNames(subject);
    return { commonName: names.get(OID_CN)?.[0] ?? '', organizations: names.get(OID_O) ?? [], publicKey };
  } catch (err) {
    if (err instanceof Pkcs10Error) throw err;
    throw new Pkcs10Error(`malformed certificate request: ${(err as Error).message}`);
  }
}

function subjectNames(name: DerElement): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if (!type || !value) continue;
      const oid = decodeOid(type);
      out.set(oid, [...(out.get(oid) ?? []), value.value.toString(value.tag === 0x1e ? 'utf16le' : 'utf8')]);
    }
  }
  return out;
}

function decodeOid(el: DerElement): string {
  const b = el.value;
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let n = 0;
  for (let i = 1; i < b.length; i++) {
    n = n * 128 + (b[i]! & 0x7f);
    if (!(b[i]! & 0x80)) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}
