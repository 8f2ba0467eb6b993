// Errors of the TLS module. A file under DIR/tls that exists but cannot be used is a fault for the operator
// to resolve, never something to overwrite: the CA key is the cluster's identity, and every kubeconfig and
// component certificate depends on it.

/** A certificate or key file that is unreadable, not PEM, half of a pair, mismatched, or expired (the CA). */
export class TlsFileError extends Error {
  override name = 'TlsFileError';
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
