// SelfSubjectAccessReview, SubjectAccessReview and LocalSubjectAccessReview (authorization.k8s.io/v1):
// ask the authorizer about one resource or non-resource request, for oneself or for a named user, and
// answer in status {allowed, denied, reason}. Nothing is stored. `kubectl auth can-i` posts SSARs.
import { invalid, badRequest } from '../../errors.js';
import type { ApiContext } from '../../handlers/context.js';
import type { KubeObject } from '../../registry/types.js';
import type { Attributes } from '../attributes.js';
import type { UserInfo } from '../user.js';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}

interface ReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: { path?: string; verb?: string };
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

function specOf(ctx: ApiContext, obj: KubeObject): ReviewSpec {
  const spec = (obj.spec ?? {}) as ReviewSpec;
  const both = !!spec.resourceAttributes === !!spec.nonResourceAttributes;
  if (both) {
    throw invalid(ctx.entry.kind, '', [
      { reason: 'FieldValueInvalid', field: 'spec.resourceAttributes', message: `Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified` },
    ], ctx.entry.group);
  }
  return spec;
}

function attributes(user: UserInfo, spec: ReviewSpec): Attributes {
  if (spec.nonResourceAttributes) {
    return { user, verb: spec.nonResourceAttributes.verb ?? '', resourceRequest: false, path: spec.nonResourceAttributes.path ?? '' };
  }
  const r = spec.resourceAttributes!;
  const a: Attributes = { user, verb: r.verb ?? '', resourceRequest: true, apiGroup: r.group ?? '', resource: r.resource ?? '' };
  if (r.version) a.apiVersion = r.version;
  if (r.subresource) a.subresource = r.subresource;
  if (r.namespace) a.namespace = r.namespace;
  if (r.name) a.name = r.name;
  return a;
}

async function answer(ctx: ApiContext, obj: KubeObject, user: UserInfo, spec: ReviewSpec): Promise<KubeObject> {
  const decision = await ctx.security.authorizer.authorize(attributes(user, spec));
  const status: Record<string, unknown> = { allowed: decision.allowed };
  if (decision.reason) status.reason = decision.reason;
  return { ...obj, metadata: { ...(obj.metadata ?? {}), creationTimestamp: null } as never, status };
}

export function selfSubjectAccessReview(ctx: ApiContext, obj: KubeObject): Promise<KubeObject> {
  return answer(ctx, obj, ctx.user, specOf(ctx, obj));
}

export function subjectAccessReview(ctx: ApiContext, obj: KubeObject): Promise<KubeObject> {
  const spec = specOf(ctx, obj);
  if (!spec.user && !(spec.groups?.length)) {
    throw invalid(ctx.entry.kind, '', [{ reason: 'FieldValueInvalid', field: 'spec.user', message: 'Invalid value: "": at least one of user or group must be specified' }], ctx.entry.group);
  }
  const user: UserInfo = { name: spec.user ?? '', groups: spec.groups ?? [] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra) user.extra = spec.extra;
  return answer(ctx, obj, user, spec);
}

export function localSubjectAccessReview(ctx: ApiContext, obj: KubeObject): Promise<KubeObject> {
  const spec = specOf(ctx, obj);
  const ns = ctx.info.namespace ?? '';
  if (spec.nonResourceAttributes) {
    throw invalid(ctx.entry.kind, '', [{ reason: 'FieldValueInvalid', field: 'spec.nonResourceAttributes', message: 'Invalid value: "": disallowed on this kind of request' }], ctx.entry.group);
  }
  if ((spec.resourceAttributes?.namespace ?? '') !== ns) {
    throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${ns}`);
  }
  return subjectAccessReview(ctx, obj);
}
