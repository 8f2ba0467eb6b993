// Client certificates (upstream's x509 authenticator): a certificate the cluster CA signed names the user
// in its CN and the groups in its O entries. A certificate the CA did not sign is an authentication
// failure (401), not an anonymous request. Worked out once per TLS connection.
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from '../user.js';

export type CertificateOutcome = { user: UserInfo } | { error: string } | undefined;

const bySocket = new WeakMap<TLSSocket, CertificateOutcome | null>();

export function userOfCertificate(socket: TLSSocket): CertificateOutcome {
  const hit = bySocket.get(socket);
  if (hit !== undefined) return hit ?? undefined;
  const outcome = read(socket);
  bySocket.set(socket, outcome ?? null);
  return outcome;
}

function read(socket: TLSSocket): CertificateOutcome {
  const cert = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  if (!cert || Object.keys(cert).length === 0) return undefined;
  if (!socket.authorized) return { error: `x509: certificate signed by unknown authority (${String(socket.authorizationError ?? 'unverified')})` };
  if (!cert.subject?.CN) return { error: 'x509: certificate has no common name' };
  const o = cert.subject.O;
  const groups = o === undefined ? [] : Array.isArray(o) ? o : [o];
  return { user: { name: String(cert.subject.CN), groups: groups.map(String) } };
}
