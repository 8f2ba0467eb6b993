// API errors as upstream's metav1.Status. Handlers throw StatusError; one middleware (server.ts) writes it.
// Messages follow k8s.io/apimachinery/pkg/api/errors so that kubectl prints what users know.

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: StatusDetails;
  code: number;
}

export class StatusError extends Error {
  override name = 'StatusError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  toStatus(): Status {
    const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: this.message, reason: this.reason, code: this.code };
    if (this.details) s.details = this.details;
    return s;
  }
}

/** `configmaps "cm1" not found`; `qualified` is the resource with its group, e.g. `deployments.apps`. */
export const notFound = (qualified: string, name: string, group = '') =>
  new StatusError(404, 'NotFound', `${qualified} "${name}" not found`, { name, group: group || undefined, kind: qualified.split('.')[0] });

export const alreadyExists = (qualified: string, name: string, group = '') =>
  new StatusError(409, 'AlreadyExists', `${qualified} "${name}" already exists`, { name, group: group || undefined, kind: qualified.split('.')[0] });

export const conflict = (qualified: string, name: string, why: string, group = '') =>
  new StatusError(409, 'Conflict', `Operation cannot be fulfilled on ${qualified} "${name}": ${why}`, {
    name,
    group: group || undefined,
    kind: qualified.split('.')[0],
  });

export const MODIFIED = 'the object has been modified; please apply your changes to the latest version and try again';

export const badRequest = (message: string, causes?: StatusCause[]) =>
  new StatusError(400, 'BadRequest', message, causes ? { causes } : undefined);

export const methodNotAllowed = (message: string) => new StatusError(405, 'MethodNotAllowed', message);

export const gone = (message: string) => new StatusError(410, 'Expired', message);

export const tooLarge = (message = 'Request entity too large: limit is 3145728') => new StatusError(413, 'RequestEntityTooLarge', message);

export const unsupportedMediaType = (type: string) =>
  new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`, {
    causes: [{ reason: 'UnsupportedMediaType', message: type }],
  });

/** 422 `Pod "x" is invalid: spec.containers: Required value` with one cause per field error. */
export function invalid(kind: string, name: string, causes: Array<StatusCause & { field: string }>, group = ''): StatusError {
  const summary = causes.map((c) => `${c.field}: ${c.message}`);
  // upstream names the kind with its group (`Deployment.apps "d" is invalid`); kubectl prints its own line.
  const qualified = group ? `${kind}.${group}` : kind;
  const message =
    summary.length === 1 ? `${qualified} "${name}" is invalid: ${summary[0]}` : `${qualified} "${name}" is invalid: [${summary.join(', ')}]`;
  return new StatusError(422, 'Invalid', message, { name, group: group || undefined, kind, causes });
}

export const unauthorized = () => new StatusError(401, 'Unauthorized', 'Unauthorized');

export const forbidden = (message: string, details?: StatusDetails) => new StatusError(403, 'Forbidden', message, details);

export const internalError = (message: string) =>
  new StatusError(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ reason: '', message }] });
