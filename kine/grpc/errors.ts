// Store faults as gRPC statuses. etcd clients recognise errors by their message text (rpctypes), so the
// message is passed through unchanged; the code follows etcd's choice for each.
import * as grpc from '@grpc/grpc-js';
import {
  CompactedError,
  FutureRevisionError,
  InvalidArgumentError,
  KeyNotFoundError,
  LeaseExistsError,
  LeaseNotFoundError,
  RequestTooLargeError,
  StoreClosedError,
} from '../errors.js';

export interface GrpcError {
  code: grpc.status;
  details: string;
}

export function toGrpcError(err: unknown): GrpcError {
  const message = err instanceof Error ? err.message : String(err);
  const code =
    err instanceof CompactedError || err instanceof FutureRevisionError ? grpc.status.OUT_OF_RANGE
    : err instanceof LeaseNotFoundError ? grpc.status.NOT_FOUND
    : err instanceof LeaseExistsError ? grpc.status.FAILED_PRECONDITION
    : err instanceof RequestTooLargeError || err instanceof InvalidArgumentError || err instanceof KeyNotFoundError
      ? grpc.status.INVALID_ARGUMENT
    : err instanceof StoreClosedError ? grpc.status.UNAVAILABLE
    : grpc.status.INTERNAL;
  return { code, details: message };
}

/** Wrap an async unary handler: its result or its mapped error goes to the callback. */
export function unary<Req, Res>(fn: (req: Req) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    fn(call.request).then(
      (res) => callback(null, res),
      (err) => callback(toGrpcError(err) as grpc.ServiceError, null),
    );
  };
}
