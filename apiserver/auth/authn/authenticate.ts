// Who sent a request, in upstream's order: a client certificate, then a bearer token (static token file,
// bootstrap token, service-account JWT), then anonymous when allowed. A credential that is presented but
// fails is a 401, never a fall-through to anonymous. Every authenticated user gains the group
// system:authenticated; anonymous is system:anonymous in system:unauthenticated.
import type { TLSSocket } from 'node:tls';
import type { UserInfo } from '../user.js';
import { verifyBootstrapToken, type SecretLookup } from './bootstrap-token.js';
import type { ServiceAccountLookup, ServiceAccountTokens } from './service-account-token.js';
import { userOfCertificate } from './x509.js';

export interface AuthenticatorOptions {
  tokens?: Map<string, UserInfo>;
  serviceAccounts?: ServiceAccountTokens;
  lookup?: ServiceAccountLookup;
  anonymous?: boolean;
  now?: () => Date;
}

export type Authentication = { user: UserInfo; method: 'x509' | 'token' | 'bootstrap' | 'serviceaccount' | 'anonymous' } | { error: string };

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

export class Authenticator {
  constructor(private readonly o: AuthenticatorOptions) {}

  async authenticate(socket: TLSSocket, authorization: string | undefined): Promise<Authentication> {
    const cert = userOfCertificate(socket);
    if (cert && 'user' in cert) return { user: authenticated(cert.user), method: 'x509' };
    if (authorization !== undefined) {
      const m = /^\s*bearer\s+(.*)$/i.exec(authorization);
      if (m) {
        const token = m[1]!.trim();
        if (token === '') return { error: 'invalid bearer token' };
        return this.token(token);
      }
    }
    if (cert && 'error' in cert) return cert;
    if (this.o.anonymous) return { user: ANONYMOUS, method: 'anonymous' };
    return { error: 'no credentials' };
  }

  /** A bearer token: the static file, then bootstrap tokens, then service-account JWTs. */
  async token(token: string, audiences?: string[]): Promise<Authentication> {
    const now = (this.o.now ?? (() => new Date()))();
    const fromFile = this.o.tokens?.get(token);
    if (fromFile) return { user: authenticated(fromFile), method: 'token' };
    if (this.o.lookup) {
      const secret: SecretLookup = (ns, name) => this.o.lookup!.secret(ns, name) as ReturnType<SecretLookup>;
      const bootstrap = await verifyBootstrapToken(token, secret, now);
      if (bootstrap) return 'user' in bootstrap ? { user: authenticated(bootstrap.user), method: 'bootstrap' } : bootstrap;
      if (this.o.serviceAccounts?.looksLikeJwt(token)) {
        const sa = await this.o.serviceAccounts.verify(token, this.o.lookup, { now, ...(audiences ? { audiences } : {}) });
        return 'user' in sa ? { user: authenticated(sa.user), method: 'serviceaccount' } : sa;
      }
    }
    return { error: 'invalid bearer token' };
  }
}

function authenticated(user: UserInfo): UserInfo {
  return user.groups.includes('system:authenticated') ? user : { ...user, groups: [...user.groups, 'system:authenticated'] };
}
