// Impersonation (kubectl --as, --as-group, --as-uid): upstream's impersonation filter. Each requested
// identity part is authorized for the real user with the verb `impersonate` (users, groups, uids,
// userextras/<key>, or serviceaccounts for `system:serviceaccount:<ns>:<name>`); then the request runs as
// the impersonated user, who gains system:authenticated (service accounts also their own groups).
import { StatusError } from '../errors.js';
import { forbiddenMessage, type Attributes, type Authorizer } from './attributes.js';
import type { UserInfo } from './user.js';

export interface ImpersonationHeaders {
  user?: string;
  groups: string[];
  uid?: string;
  extra: Record<string, string[]>;
}

/** The impersonation headers of a request (header names are case-insensitive in node). */
export function impersonationHeaders(headers: Record<string, string | string[] | undefined>): ImpersonationHeaders | undefined {
  const all = (name: string) => {
    const v = headers[name];
    return v === undefined ? [] : Array.isArray(v) ? v : v.split(',').map((s) => s.trim());
  };
  const user = headers['impersonate-user'];
  const groups = all('impersonate-group');
  const uid = headers['impersonate-uid'];
  const extra: Record<string, string[]> = {};
  for (const [name] of Object.entries(headers)) {
    if (name.startsWith('impersonate-extra-')) extra[decodeURIComponent(name.slice('impersonate-extra-'.length))] = all(name);
  }
  if (user === undefined && groups.length === 0 && uid === undefined && Object.keys(extra).length === 0) return undefined;
  const h: ImpersonationHeaders = { groups, extra };
  if (user !== undefined) h.user = String(user);
  if (uid !== undefined) h.uid = String(uid);
  return h;
}

const SA_PREFIX = 'system:serviceaccount:';

/** The user to act as; throws 403 (or 400 for malformed headers) as upstream. */
export async function impersonate(real: UserInfo, h: ImpersonationHeaders, authz: Authorizer): Promise<UserInfo> {
  if (h.user === undefined || h.user === '') {
    throw new StatusError(400, 'BadRequest', 'requested impersonation of groups, uid or extra without impersonating a user');
  }
  const checks: Attributes[] = [];
  const base = { user: real, verb: 'impersonate', resourceRequest: true };
  let groups = [...h.groups];
  if (h.user.startsWith(SA_PREFIX)) {
    const [ns, name] = h.user.slice(SA_PREFIX.length).split(':');
    checks.push({ ...base, apiGroup: '', resource: 'serviceaccounts', namespace: ns ?? '', name: name ?? '' });
    if (groups.length === 0) groups = ['system:serviceaccounts', `system:serviceaccounts:${ns}`];
  } else {
    checks.push({ ...base, apiGroup: '', resource: 'users', name: h.user });
  }
  for (const g of h.groups) checks.push({ ...base, apiGroup: '', resource: 'groups', name: g });
  if (h.uid !== undefined) checks.push({ ...base, apiGroup: 'authentication.k8s.io', resource: 'uids', name: h.uid });
  for (const [key, values] of Object.entries(h.extra)) {
    for (const v of values) checks.push({ ...base, apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: v });
  }
  for (const a of checks) {
    const d = await authz.authorize(a);
    if (!d.allowed) throw new StatusError(403, 'Forbidden', forbiddenMessage(a, d.reason), { name: a.name, kind: a.resource, ...(a.apiGroup ? { group: a.apiGroup } : {}) });
  }
  const anonymous = h.user === 'system:anonymous';
  const finalGroups = [...groups];
  const implied = anonymous ? 'system:unauthenticated' : 'system:authenticated';
  if (!finalGroups.includes(implied)) finalGroups.push(implied);
  const user: UserInfo = { name: h.user, groups: finalGroups };
  if (h.uid) user.uid = h.uid;
  if (Object.keys(h.extra).length > 0) user.extra = h.extra;
  return user;
}
