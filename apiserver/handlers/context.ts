// What every resource handler gets: the resolved entry, the parsed request, the store, and the caller.
import type { ObjectStore } from '../storage/object-store.js';
import type { Registry } from '../registry/registry.js';
import type { ResourceEntry } from '../registry/types.js';
import type { ResourceRequest } from '../request-info.js';

export type { UserInfo } from '../auth/user.js';
import type { UserInfo } from '../auth/user.js';

/** What the authentication and authorization APIs need (reviews, TokenRequest). */
export interface Security {
  authenticator: import('../auth/authn/authenticate.js').Authenticator;
  authorizer: import('../auth/attributes.js').Authorizer;
  serviceAccountTokens?: import('../auth/authn/service-account-token.js').ServiceAccountTokens;
  /** The rules a user holds in a namespace (SelfSubjectRulesReview); undefined when no rule-based authorizer runs. */
  /** Admission checks that need the caller (RBAC escalation prevention); each throws to refuse. */
  admission?: Array<(ctx: ApiContext, obj: import('../registry/types.js').KubeObject, old?: import('../registry/types.js').KubeObject) => void>;
  rulesFor?: (user: UserInfo, namespace: string) => { resourceRules: unknown[]; nonResourceRules: unknown[]; incomplete: boolean; evaluationError?: string };
}

export interface ApiContext {
  entry: ResourceEntry;
  info: ResourceRequest;
  /** The version of the URL (one of entry.versions). */
  version: string;
  query: URLSearchParams;
  store: ObjectStore;
  registry: Registry;
  user: UserInfo;
  /** Raw request body (already size-limited) and its media type, for writes. */
  body?: Buffer;
  /**
   * The body as the JSON value an in-process client passed (read-only: decoders copy it with jsonValueOf);
   * `body` is then its JSON text, made only if a handler reads it.
   */
  bodyValue?: unknown;
  contentType?: string;
  accept: string;
  /** The User-Agent header (the default field manager). */
  userAgent: string;
  security: Security;
  /** Collected `Warning: 299` texts. */
  warnings: string[];
  now(): Date;
  /**
   * In-process watches only: events go down an object-mode stream as `{ type, object }` values, not
   * newline-delimited JSON. The objects are the watch cache's own, shared by every such watcher, so
   * consumers must not modify them (client-go's rule for informer caches).
   */
  objectEvents?: boolean;
}

/** The answer of a handler: a JSON body with a status code. Streaming handlers write to the response themselves. */
export interface ApiResult {
  status: number;
  body: unknown;
}

export function apiVersionOf(ctx: Pick<ApiContext, 'entry' | 'version'>): string {
  return ctx.entry.group ? `${ctx.entry.group}/${ctx.version}` : ctx.version;
}

/** `dryRun=All` on writes. Anything else than All is refused, as upstream. */
export function isDryRun(ctx: ApiContext): boolean {
  const values = ctx.query.getAll('dryRun');
  return values.includes('All');
}
