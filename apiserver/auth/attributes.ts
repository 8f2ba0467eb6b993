// What authorization decides on (upstream's authorizer.Attributes): the user, the verb and either a
// resource (group, resource, subresource, namespace, name) or a non-resource path.
import type { RequestInfo } from '../request-info.js';
import type { UserInfo } from './user.js';

export interface Attributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  apiGroup?: string;
  apiVersion?: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  path?: string;
}

export type Decision = { allowed: boolean; reason: string };

export interface Authorizer {
  /** May read caches; never throws for a denial. `allowed: false` with an empty reason is "no opinion". */
  authorize(a: Attributes): Decision | Promise<Decision>;
}

export function attributesOf(user: UserInfo, info: RequestInfo): Attributes {
  if (info.kind === 'nonresource') return { user, verb: info.verb, resourceRequest: false, path: info.path };
  const a: Attributes = { user, verb: info.verb, resourceRequest: true, apiGroup: info.group, apiVersion: info.version, resource: info.resource };
  if (info.subresource) a.subresource = info.subresource;
  if (info.namespace) a.namespace = info.namespace;
  if (info.name) a.name = info.name;
  return a;
}

/**
 * upstream's Forbidden text: `pods "x" is forbidden: User "jane" cannot get resource "pods" in API group ""
 * in the namespace "dev"`, `... at the cluster scope`, or `forbidden: User "jane" cannot get path "/apis"`.
 */
export function forbiddenMessage(a: Attributes, reason = ''): string {
  let msg: string;
  if (!a.resourceRequest) msg = `forbidden: User "${a.user.name}" cannot ${a.verb} path "${a.path}"`;
  else {
    const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource!;
    const what = a.apiGroup ? `${a.resource}.${a.apiGroup}` : a.resource!;
    const subject = a.name ? `${what} "${a.name}"` : what;
    const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
    msg = `${subject} is forbidden: User "${a.user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.apiGroup ?? ''}" ${scope}`;
  }
  return reason ? `${msg}: ${reason}` : msg;
}

/** Authorizers asked in order; the first that allows wins (upstream's union authorizer). */
export function unionAuthorizer(authorizers: Authorizer[]): Authorizer {
  return {
    async authorize(a) {
      const reasons: string[] = [];
      for (const z of authorizers) {
        const d = await z.authorize(a);
        if (d.allowed) return d;
        if (d.reason) reasons.push(d.reason);
      }
      return { allowed: false, reason: reasons.join(', ') };
    },
  };
}

/** Members of system:masters may do anything (upstream's privileged-groups authorizer, before RBAC). */
export const privilegedGroups: Authorizer = {
  authorize: (a) => (a.user.groups.includes('system:masters') ? { allowed: true, reason: 'the user is in system:masters' } : { allowed: false, reason: '' }),
};
