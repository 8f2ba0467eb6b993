// TokenRequest (POST serviceaccounts/<name>/token, `kubectl create token`): a bound service-account JWT
// for the named account, with the requested audiences (the API's by default) and lifetime (one hour by
// default, at least ten minutes), optionally bound to a Pod or Secret whose deletion revokes it.
import { badRequest, invalid, notFound, StatusError } from '../errors.js';
import type { ApiContext, ApiResult } from '../handlers/context.js';
import { decodeObject } from '../handlers/decode.js';
import { pods } from '../registry/core/pods.js';
import { secrets } from '../registry/core/secrets.js';
import type { KubeObject } from '../registry/types.js';

const DEFAULT_SECONDS = 3600;
const MIN_SECONDS = 600;
const MAX_SECONDS = 2 ** 32;

interface TokenRequestSpec {
  audiences?: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string };
}

export async function requestToken(ctx: ApiContext): Promise<ApiResult> {
  const tokens = ctx.security.serviceAccountTokens;
  if (!tokens) throw new StatusError(404, 'NotFound', 'the server could not find the requested resource (service account tokens are not configured)');
  const ns = ctx.info.namespace!;
  const name = ctx.info.name!;
  const sa = await ctx.store.get(ctx.entry, ns, name);
  if (!sa) throw notFound('serviceaccounts', name);
  const body = decodeObject({ ...ctx, entry: { ...ctx.entry, kind: 'TokenRequest', group: 'authentication.k8s.io', model: 'AuthenticationV1TokenRequest' }, version: 'v1' } as ApiContext);
  const spec = (body.spec ?? {}) as TokenRequestSpec;
  const seconds = spec.expirationSeconds ?? DEFAULT_SECONDS;
  if (seconds < MIN_SECONDS) {
    throw invalid('TokenRequest', name, [{ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${seconds}: may not specify a duration less than 10 minutes` }], 'authentication.k8s.io');
  }
  if (seconds > MAX_SECONDS) {
    throw invalid('TokenRequest', name, [{ reason: 'FieldValueInvalid', field: 'spec.expirationSeconds', message: `Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds` }], 'authentication.k8s.io');
  }
  let bound: Parameters<typeof tokens.issue>[0]['boundObject'];
  const ref = spec.boundObjectRef;
  if (ref) {
    if (ref.kind !== 'Pod' && ref.kind !== 'Secret') throw badRequest(`cannot bind token to object of kind ${JSON.stringify(ref.kind ?? '')}`);
    const obj = (await ctx.store.get(ref.kind === 'Pod' ? pods : secrets, ns, ref.name ?? '')) as KubeObject | undefined;
    if (!obj) throw notFound(ref.kind === 'Pod' ? 'pods' : 'secrets', ref.name ?? '');
    if (ref.uid && ref.uid !== obj.metadata?.uid) {
      throw new StatusError(409, 'Conflict', `the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`);
    }
    bound = { kind: ref.kind, name: ref.name!, uid: obj.metadata!.uid! };
    const nodeName = (obj.spec as { nodeName?: string } | undefined)?.nodeName;
    if (nodeName) bound.nodeName = nodeName;
  }
  const issued = await tokens.issue({
    namespace: ns,
    serviceAccount: { name, uid: sa.metadata!.uid! },
    audiences: spec.audiences ?? [],
    expirationSeconds: seconds,
    boundObject: bound,
    now: ctx.now(),
  });
  const out: KubeObject = {
    kind: 'TokenRequest',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { name, namespace: ns, creationTimestamp: null as never },
    spec: { audiences: spec.audiences?.length ? spec.audiences : tokens.apiAudiences, expirationSeconds: seconds, boundObjectRef: ref ?? null },
    status: { token: issued.token, expirationTimestamp: issued.expirationTimestamp.toISOString().replace(/\.\d{3}Z$/, 'Z') },
  };
  return { status: 201, body: out };
}
