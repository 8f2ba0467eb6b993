// SelfSubjectReview (`kubectl auth whoami`), TokenReview and SelfSubjectRulesReview (`kubectl auth can-i
// --list`): who the caller is, who a token names, and which rules the caller holds in a namespace.
import type { ApiContext } from '../../handlers/context.js';
import type { KubeObject } from '../../registry/types.js';
import type { UserInfo } from '../user.js';

function userInfoJson(u: UserInfo): Record<string, unknown> {
  const out: Record<string, unknown> = { username: u.name };
  if (u.uid) out.uid = u.uid;
  if (u.groups.length) out.groups = u.groups;
  if (u.extra && Object.keys(u.extra).length) out.extra = u.extra;
  return out;
}

const fresh = (obj: KubeObject) => ({ ...(obj.metadata ?? {}), creationTimestamp: null }) as never;

export async function selfSubjectReview(ctx: ApiContext, obj: KubeObject): Promise<KubeObject> {
  return { ...obj, metadata: fresh(obj), status: { userInfo: userInfoJson(ctx.user) } };
}

export async function tokenReview(ctx: ApiContext, obj: KubeObject): Promise<KubeObject> {
  const spec = (obj.spec ?? {}) as { token?: string; audiences?: string[] };
  const asked = spec.audiences?.length ? spec.audiences : undefined;
  const result = spec.token ? await ctx.security.authenticator.token(spec.token, asked) : { error: 'token is empty' };
  const status: Record<string, unknown> =
    'user' in result
      ? { authenticated: true, user: userInfoJson(result.user), audiences: asked ?? ctx.security.serviceAccountTokens?.apiAudiences ?? [] }
      : { user: {}, error: result.error };
  return { ...obj, metadata: fresh(obj), status };
}

export async function selfSubjectRulesReview(ctx: ApiContext, obj: KubeObject): Promise<KubeObject> {
  const ns = ((obj.spec ?? {}) as { namespace?: string }).namespace ?? '';
  const rules = ctx.security.rulesFor?.(ctx.user, ns) ?? {
    resourceRules: [],
    nonResourceRules: [],
    incomplete: true,
    evaluationError: 'no rule-based authorizer is configured',
  };
  return { ...obj, metadata: fresh(obj), status: rules };
}
