// List continue tokens in upstream's format: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key suffix>"}.
import { StatusError } from '../errors.js';

export interface ContinueToken {
  rv: number;
  /** Key suffix (after the list's prefix) to start from, inclusive. */
  start: string;
}

export function encodeContinue(t: ContinueToken): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: t.rv, start: t.start })).toString('base64url');
}

export function decodeContinue(token: string): ContinueToken {
  const bad = () => new StatusError(400, 'BadRequest', 'continue key is not valid: invalid continue token');
  let parsed: { v?: unknown; rv?: unknown; start?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString());
  } catch {
    throw bad();
  }
  if (parsed.v !== 'meta.k8s.io/v1' || typeof parsed.rv !== 'number' || typeof parsed.start !== 'string') throw bad();
  if (parsed.start.startsWith('/') || parsed.start.split('/').includes('..')) throw bad();
  return { rv: parsed.rv, start: parsed.start };
}
