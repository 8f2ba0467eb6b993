// The RBAC authorizer over the in-memory RBAC objects (rbac-cache.ts): rbac/authorize.ts decides.
import { authorize, rulesFor } from '../rbac/authorize.js';
import type { Authorizer } from '../attributes.js';
import type { UserInfo } from '../user.js';
import type { RbacCache } from './rbac-cache.js';

export function rbacAuthorizer(cache: RbacCache): Authorizer {
  return { authorize: (a) => authorize(a, cache.snapshot()) };
}

/** SelfSubjectRulesReview's answer for a user in a namespace. */
export function rbacRulesFor(cache: RbacCache): (user: UserInfo, namespace: string) => ReturnType<typeof rulesFor> {
  return (user, namespace) => rulesFor(user, namespace, cache.snapshot());
}
