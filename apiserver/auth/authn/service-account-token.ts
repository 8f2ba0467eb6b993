// Service-account JWTs, signed and verified with jose (RS256 with the cluster's service-account key), as
// upstream's serviceaccount token authenticator and TokenRequest issue them:
//   - bound tokens (TokenRequest, `kubectl create token`): issuer and audience, exp/iat/nbf, a jti, and a
//     `kubernetes.io` claim naming the namespace, the service account (name, uid) and any bound pod or
//     secret; they stop working when the account, pod or secret is deleted or replaced (uid mismatch);
//   - legacy tokens (kubernetes.io/service-account-token secrets): issuer `kubernetes/serviceaccount` and
//     flat claims; valid while the secret still holds the token and the account exists.
// The user is `system:serviceaccount:<ns>:<name>` in groups system:serviceaccounts and
// system:serviceaccounts:<ns>, with upstream's `extra` (credential id, pod name and uid).
import { createHash, randomUUID } from 'node:crypto';
import { decodeProtectedHeader, importPKCS8, importSPKI, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { UserInfo } from '../user.js';

export const DEFAULT_ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';

/** What verification needs to read: the current objects, or undefined when gone. */
export interface ServiceAccountLookup {
  serviceAccount(namespace: string, name: string): Promise<{ metadata?: { uid?: string } } | undefined>;
  pod(namespace: string, name: string): Promise<{ metadata?: { uid?: string; deletionTimestamp?: string }; spec?: { nodeName?: string } } | undefined>;
  secret(namespace: string, name: string): Promise<{ metadata?: { uid?: string }; data?: Record<string, string> } | undefined>;
}

export interface BoundTokenRequest {
  namespace: string;
  serviceAccount: { name: string; uid: string };
  audiences: string[];
  expirationSeconds: number;
  boundObject?: { kind: 'Pod' | 'Secret'; name: string; uid: string; nodeName?: string };
  now: Date;
}

interface KubernetesClaim {
  namespace: string;
  serviceaccount: { name: string; uid: string };
  pod?: { name: string; uid: string };
  secret?: { name: string; uid: string };
  node?: { name: string; uid?: string };
}

export class ServiceAccountTokens {
  private constructor(
    private readonly signingKey: CryptoKey,
    private readonly verifyKey: CryptoKey,
    private readonly kid: string,
    readonly issuer: string,
    /** The audiences the API accepts (upstream's --api-audiences; the issuer by default). */
    readonly apiAudiences: string[],
  ) {}

  static async create(o: { privateKeyPem: string; publicKeyPem: string; issuer?: string; apiAudiences?: string[] }): Promise<ServiceAccountTokens> {
    const issuer = o.issuer ?? DEFAULT_ISSUER;
    const kid = createHash('sha256').update(o.publicKeyPem).digest('base64url');
    return new ServiceAccountTokens(
      await importPKCS8(o.privateKeyPem, 'RS256'),
      await importSPKI(o.publicKeyPem, 'RS256'),
      kid,
      issuer,
      o.apiAudiences ?? [issuer],
    );
  }

  /** A bound token (TokenRequest); returns the token and its expiry. */
  async issue(r: BoundTokenRequest): Promise<{ token: string; expirationTimestamp: Date }> {
    const iat = Math.floor(r.now.getTime() / 1000);
    const exp = iat + r.expirationSeconds;
    const claim: KubernetesClaim = { namespace: r.namespace, serviceaccount: r.serviceAccount };
    if (r.boundObject?.kind === 'Pod') {
      claim.pod = { name: r.boundObject.name, uid: r.boundObject.uid };
      if (r.boundObject.nodeName) claim.node = { name: r.boundObject.nodeName };
    }
    if (r.boundObject?.kind === 'Secret') claim.secret = { name: r.boundObject.name, uid: r.boundObject.uid };
    const token = await new SignJWT({ 'kubernetes.io': claim } as unknown as JWTPayload)
      .setProtectedHeader({ alg: 'RS256', kid: this.kid })
      .setIssuer(this.issuer)
      .setSubject(`system:serviceaccount:${r.namespace}:${r.serviceAccount.name}`)
      .setAudience(r.audiences.length > 0 ? r.audiences : this.apiAudiences)
      .setIssuedAt(iat)
      .setNotBefore(iat)
      .setExpirationTime(exp)
      .setJti(randomUUID())
      .sign(this.signingKey);
    return { token, expirationTimestamp: new Date(exp * 1000) };
  }

  /** A legacy token for a kubernetes.io/service-account-token secret (no expiry). */
  async issueLegacy(namespace: string, serviceAccount: { name: string; uid: string }, secretName: string): Promise<string> {
    return new SignJWT({
      'kubernetes.io/serviceaccount/namespace': namespace,
      'kubernetes.io/serviceaccount/secret.name': secretName,
      'kubernetes.io/serviceaccount/service-account.name': serviceAccount.name,
      'kubernetes.io/serviceaccount/service-account.uid': serviceAccount.uid,
    })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid })
      .setIssuer(LEGACY_ISSUER)
      .setSubject(`system:serviceaccount:${namespace}:${serviceAccount.name}`)
      .sign(this.signingKey);
  }

  /** Whether a bearer token looks like one of ours (a JWS our key id or issuer could have made). */
  looksLikeJwt(token: string): boolean {
    if (token.split('.').length !== 3) return false;
    try {
      return decodeProtectedHeader(token).alg !== undefined;
    } catch {
      return false;
    }
  }

  /**
   * The user of a token, or an error message (401). `audiences`: what the caller accepts (the API's by
   * default; TokenReview may ask for others).
   */
  async verify(token: string, lookup: ServiceAccountLookup, o: { now: Date; audiences?: string[] }): Promise<{ user: UserInfo; audiences: string[] } | { error: string }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.verifyKey, { issuer: [this.issuer, LEGACY_ISSUER], currentDate: o.now, algorithms: ['RS256'] }));
    } catch (err) {
      return { error: `invalid bearer token, ${(err as Error).message}` };
    }
    return payload.iss === LEGACY_ISSUER ? this.verifyLegacy(token, payload, lookup) : this.verifyBound(payload, lookup, o.audiences ?? this.apiAudiences);
  }

  private async verifyBound(payload: JWTPayload, lookup: ServiceAccountLookup, accepted: string[]) {
    const aud = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
    const audiences = aud.filter((a) => accepted.includes(a));
    if (audiences.length === 0) return { error: 'invalid bearer token, token audiences do not match the API audiences' };
    const claim = (payload as { 'kubernetes.io'?: KubernetesClaim })['kubernetes.io'];
    if (!claim?.namespace || !claim.serviceaccount?.name) return { error: 'invalid bearer token, missing kubernetes.io claims' };
    const ns = claim.namespace;
    const sa = await lookup.serviceAccount(ns, claim.serviceaccount.name);
    if (!sa) return { error: `invalid bearer token, service account ${ns}/${claim.serviceaccount.name} has been deleted` };
    if (sa.metadata?.uid !== claim.serviceaccount.uid) return { error: `invalid bearer token, service account UID (${claim.serviceaccount.uid}) does not match claim (${sa.metadata?.uid})` };
    const extra: Record<string, string[]> = {};
    if (payload.jti) extra['authentication.kubernetes.io/credential-id'] = [`JTI=${payload.jti}`];
    if (claim.pod) {
      const pod = await lookup.pod(ns, claim.pod.name);
      if (!pod || pod.metadata?.uid !== claim.pod.uid) return { error: `invalid bearer token, pod ${ns}/${claim.pod.name} has been deleted` };
      extra['authentication.kubernetes.io/pod-name'] = [claim.pod.name];
      extra['authentication.kubernetes.io/pod-uid'] = [claim.pod.uid];
    }
    if (claim.node) extra['authentication.kubernetes.io/node-name'] = [claim.node.name];
    if (claim.secret) {
      const secret = await lookup.secret(ns, claim.secret.name);
      if (!secret || secret.metadata?.uid !== claim.secret.uid) return { error: `invalid bearer token, secret ${ns}/${claim.secret.name} has been deleted` };
    }
    return { user: serviceAccountUser(ns, claim.serviceaccount.name, claim.serviceaccount.uid, extra), audiences };
  }

  private async verifyLegacy(token: string, payload: JWTPayload, lookup: ServiceAccountLookup) {
    const p = payload as Record<string, unknown>;
    const ns = String(p['kubernetes.io/serviceaccount/namespace'] ?? '');
    const name = String(p['kubernetes.io/serviceaccount/service-account.name'] ?? '');
    const uid = String(p['kubernetes.io/serviceaccount/service-account.uid'] ?? '');
    const secretName = String(p['kubernetes.io/serviceaccount/secret.name'] ?? '');
    if (!ns || !name || !secretName) return { error: 'invalid bearer token, missing legacy service account claims' };
    const secret = await lookup.secret(ns, secretName);
    if (!secret) return { error: `invalid bearer token, secret ${ns}/${secretName} has been deleted` };
    if (Buffer.from(secret.data?.token ?? '', 'base64').toString() !== token) return { error: 'invalid bearer token, the token no longer matches its secret' };
    const sa = await lookup.serviceAccount(ns, name);
    if (!sa || (uid && sa.metadata?.uid !== uid)) return { error: `invalid bearer token, service account ${ns}/${name} has been deleted` };
    const extra = { 'authentication.kubernetes.io/credential-id': [`JTI=legacy:${secretName}`] };
    return { user: serviceAccountUser(ns, name, uid, extra), audiences: this.apiAudiences };
  }
}

export function serviceAccountUser(namespace: string, name: string, uid: string, extra: Record<string, string[]> = {}): UserInfo {
  const user: UserInfo = { name: `system:serviceaccount:${namespace}:${name}`, groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`] };
  if (uid) user.uid = uid;
  if (Object.keys(extra).length > 0) user.extra = extra;
  return user;
}
