// The secret part of a snapshot: the files of DIR/tls (cluster CA, serving and admin certificates, the
// service-account key), sealed with AES-256-GCM under a key derived from the server token with scrypt,
// as k3s encrypts its bootstrap data with its token. Pure functions: the caller reads and writes files.
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { SnapshotTokenError } from './errors.js';

export interface SealedSecrets {
  kdf: { name: 'scrypt'; salt: string; N: number; r: number; p: number };
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
}

/** File name → contents. */
export type SecretFiles = Record<string, Buffer>;

const SCRYPT = { N: 16384, r: 8, p: 1 };

function deriveKey(token: string, salt: Buffer, params: { N: number; r: number; p: number }): Buffer {
  return scryptSync(token, salt, 32, { ...params, maxmem: 64 * 1024 * 1024 });
}

/** Seal `files`: the ciphertext plus what opening it needs (no secret in it). */
export function sealSecrets(files: SecretFiles, token: string): { meta: SealedSecrets; ciphertext: Buffer } {
  const plain = Buffer.from(JSON.stringify(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v.toString('base64')]))));
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(token, salt, SCRYPT), iv);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  return {
    meta: {
      kdf: { name: 'scrypt', salt: salt.toString('base64'), ...SCRYPT },
      cipher: 'aes-256-gcm',
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
    ciphertext,
  };
}

/** Open sealed secrets; a wrong token (or damaged bytes) fails with SnapshotTokenError. */
export function openSecrets(meta: SealedSecrets, ciphertext: Buffer, token: string): SecretFiles {
  if (meta.cipher !== 'aes-256-gcm' || meta.kdf.name !== 'scrypt') {
    throw new SnapshotTokenError(`snapshot: unknown secrets encryption ${meta.cipher}/${meta.kdf.name}`);
  }
  const key = deriveKey(token, Buffer.from(meta.kdf.salt, 'base64'), meta.kdf);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(meta.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(meta.tag, 'base64'));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    throw new SnapshotTokenError(
      'snapshot: the token does not decrypt this snapshot\'s certificates and keys (wrong --token? use the source server\'s DIR/token)',
    );
  }
  const parsed = JSON.parse(plain.toString('utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, Buffer.from(v, 'base64')]));
}
