// Bootstrap tokens (upstream's bootstrap token authenticator, for nodes joining with `k8ts agent`):
// `<id>.<secret>` matches the kube-system Secret `bootstrap-token-<id>` of type
// bootstrap.kubernetes.io/token when its token-secret is the same, usage-bootstrap-authentication is
// "true" and it has not expired. The user is `system:bootstrap:<id>` in system:bootstrappers plus the
// secret's auth-extra-groups.
import { timingSafeEqual } from 'node:crypto';
import type { UserInfo } from '../user.js';

export const BOOTSTRAP_TOKEN = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
export const BOOTSTRAP_SECRET_TYPE = 'bootstrap.kubernetes.io/token';

export type SecretLookup = (namespace: string, name: string) => Promise<{ type?: string; metadata?: { deletionTimestamp?: string }; data?: Record<string, string> } | undefined>;

const field = (data: Record<string, string> | undefined, key: string) => (data?.[key] ? Buffer.from(data[key], 'base64').toString() : '');

/** undefined when the token is not a bootstrap token at all; else the user or the refusal. */
export async function verifyBootstrapToken(token: string, secret: SecretLookup, now: Date): Promise<{ user: UserInfo } | { error: string } | undefined> {
  const m = BOOTSTRAP_TOKEN.exec(token);
  if (!m) return undefined;
  const [, id, value] = m as unknown as [string, string, string];
  const s = await secret('kube-system', `bootstrap-token-${id}`);
  const invalid = { error: 'invalid bearer token' };
  if (!s || s.type !== BOOTSTRAP_SECRET_TYPE || s.metadata?.deletionTimestamp) return invalid;
  const stored = Buffer.from(field(s.data, 'token-secret'));
  if (stored.length !== value.length || !timingSafeEqual(stored, Buffer.from(value))) return invalid;
  if (field(s.data, 'token-id') && field(s.data, 'token-id') !== id) return invalid;
  if (field(s.data, 'usage-bootstrap-authentication') !== 'true') return invalid;
  const expiration = field(s.data, 'expiration');
  if (expiration && !(Date.parse(expiration) > now.getTime())) return invalid;
  const extra = field(s.data, 'auth-extra-groups')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.startsWith('system:bootstrappers:'));
  return { user: { name: `system:bootstrap:${id}`, groups: ['system:bootstrappers', ...extra] } };
}
