// The seam between the typed client and the wire. Two implementations: HTTPS (transport-https.ts) for
// agents, tests and users' code, and in-process (transport-in-process.ts) for components inside
// `k8ts server`. Both speak JSON objects and newline-delimited JSON watch events, and both turn a
// non-2xx answer into an ApiError carrying the server's metav1.Status.
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  method: Method;
  /** An absolute API path without the query, e.g. `/api/v1/namespaces/default/pods`. */
  path: string;
  query?: URLSearchParams;
  /** A JSON value (sent as JSON), or a string sent as is. */
  body?: unknown;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
}

export interface TransportResponse {
  status: number;
  body: unknown;
  /** The server's `Warning:` headers (deprecations, unknown fields), text only. */
  warnings: string[];
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

/** One event of a watch, as upstream's metav1.WatchEvent; for ERROR the object is a Status. */
export interface WatchEvent<T = unknown> {
  type: WatchEventType;
  object: T;
}

export interface Transport {
  /** One request; resolves with a 2xx answer, rejects with ApiError otherwise (or a network error). */
  request(req: TransportRequest, signal?: AbortSignal): Promise<TransportResponse>;
  /**
   * Open a watch (the caller puts `watch=1` in the query). Rejects with ApiError when the server
   * refuses it; otherwise the events, ending when the server ends the stream, the connection breaks
   * or `signal` aborts (never with an exception for those).
   */
  watch(req: TransportRequest, signal: AbortSignal): Promise<AsyncIterable<WatchEvent>>;
}

/** metav1.Status as the server sends it for failures. */
export interface Status {
  kind?: 'Status';
  apiVersion?: string;
  status?: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
    retryAfterSeconds?: number;
  };
}

/** A failed API call: the HTTP code and the server's Status (reason NotFound, Conflict, Expired…). */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: number;
  readonly reason: string;
  readonly details: Status['details'];
  constructor(readonly status: Status) {
    super(status.message ?? `the server answered ${status.code}`);
    this.code = status.code ?? 500;
    this.reason = status.reason ?? 'Unknown';
    this.details = status.details;
  }

  /** From an HTTP answer: its Status body when there is one, else a Status made from the code (as client-go's newUnstructuredResponseError). */
  static from(code: number, body: unknown): ApiError {
    if (isStatus(body)) return new ApiError({ ...body, code: body.code ?? code });
    const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
    return new ApiError({ kind: 'Status', status: 'Failure', code, reason: reasonForCode(code), message: text || `the server answered ${code}` });
  }
}

export const isStatus = (v: unknown): v is Status =>
  typeof v === 'object' && v !== null && (v as Status).kind === 'Status' && typeof (v as Status).code === 'number';

/** upstream's reasons for codes without a Status body (apimachinery's errors.reasonForCode). */
function reasonForCode(code: number): string {
  const reasons: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    405: 'MethodNotAllowed',
    406: 'NotAcceptable',
    409: 'Conflict',
    410: 'Gone',
    413: 'RequestEntityTooLarge',
    415: 'UnsupportedMediaType',
    422: 'Invalid',
    429: 'TooManyRequests',
    500: 'InternalError',
    503: 'ServiceUnavailable',
    504: 'Timeout',
  };
  return reasons[code] ?? 'Unknown';
}

const hasCode = (err: unknown, code: number) => err instanceof ApiError && err.code === code;
export const isNotFound = (err: unknown) => hasCode(err, 404);
export const isAlreadyExists = (err: unknown) => err instanceof ApiError && err.code === 409 && err.reason === 'AlreadyExists';
export const isConflict = (err: unknown) => err instanceof ApiError && err.code === 409 && err.reason !== 'AlreadyExists';
/** 410: a resourceVersion or continue token older than the server's history (reason Expired or Gone). */
export const isGone = (err: unknown) => hasCode(err, 410);

/**
 * The events of a newline-delimited JSON stream (a watch body). Ends quietly when the stream ends,
 * errors or `signal` aborts; a line that is not JSON ends it too (the watch is then re-established by
 * its owner, as client-go's StreamWatcher stops on a decode error).
 */
export async function* ndjsonEvents(stream: Readable, signal: AbortSignal): AsyncGenerator<WatchEvent> {
  const stop = () => stream.destroy();
  if (signal.aborted) return stop();
  signal.addEventListener('abort', stop, { once: true });
  const decoder = new StringDecoder('utf8');
  let buffered = '';
  try {
    for await (const chunk of stream) {
      buffered += typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl).trim();
        buffered = buffered.slice(nl + 1);
        if (line) yield JSON.parse(line) as WatchEvent;
      }
    }
    const rest = buffered.trim();
    if (rest) yield JSON.parse(rest) as WatchEvent;
  } catch {
    // a broken connection, an abort or a torn line: the watch is over
  } finally {
    signal.removeEventListener('abort', stop);
    stream.destroy();
  }
}
