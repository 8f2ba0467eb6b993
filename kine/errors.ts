// Faults of the store, one class each. Their messages are etcd's own wording (etcdserver/api/v3rpc/rpctypes),
// so that etcdctl and the apiserver show users the text they already know. Expected outcomes such as a lost
// compare-and-swap are results, never these.

export class KineError extends Error {
  override name = 'KineError';
}

/** A read or watch asked for a revision that compaction removed. */
export class CompactedError extends KineError {
  override name = 'CompactedError';
  constructor(readonly compactRevision: number) {
    super('etcdserver: mvcc: required revision has been compacted');
  }
}

/** A read asked for a revision the store has not reached yet. */
export class FutureRevisionError extends KineError {
  override name = 'FutureRevisionError';
  constructor() {
    super('etcdserver: mvcc: required revision is a future revision');
  }
}

/** A put with ignore_value or ignore_lease on a key that does not exist. */
export class KeyNotFoundError extends KineError {
  override name = 'KeyNotFoundError';
  constructor() {
    super('etcdserver: key not found');
  }
}

export class LeaseNotFoundError extends KineError {
  override name = 'LeaseNotFoundError';
  constructor() {
    super('etcdserver: requested lease not found');
  }
}

export class LeaseExistsError extends KineError {
  override name = 'LeaseExistsError';
  constructor() {
    super('etcdserver: lease already exists');
  }
}

/** A request whose key and value exceed the configured limit (etcd's --max-request-bytes). */
export class RequestTooLargeError extends KineError {
  override name = 'RequestTooLargeError';
  constructor(readonly size: number, readonly limit: number) {
    super(`etcdserver: request is too large (${size} bytes > limit ${limit} bytes)`);
  }
}

/** A malformed request: empty key, bad range, unknown compare target, ... */
export class InvalidArgumentError extends KineError {
  override name = 'InvalidArgumentError';
}

/** The database file cannot be opened: locked by another process, corrupt, or not a k8ts store. */
export class StoreOpenError extends KineError {
  override name = 'StoreOpenError';
}

/** The store was closed while the request was pending. */
export class StoreClosedError extends KineError {
  override name = 'StoreClosedError';
  constructor() {
    super('kine: the store is closed');
  }
}
