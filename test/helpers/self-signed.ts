// A self-signed client certificate (not from the cluster CA), for tests of refused credentials.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { createCertificate } from '../../apiserver/tls/certificate.js';

export function selfSigned(privateKey: KeyObject, commonName: string): string {
  const now = Date.now();
  const cert = createCertificate(
    { subject: { commonName }, notBefore: new Date(now - 60_000), notAfter: new Date(now + 3600_000), publicKey: createPublicKey(privateKey), extKeyUsage: ['clientAuth'] },
    { key: privateKey },
  );
  return cert.toString();
}
