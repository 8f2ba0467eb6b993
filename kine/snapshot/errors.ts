// Faults of snapshots, one class each. They extend KineError so that the k8ts command line shows them as one
// clear line (components/cli/k8ts.ts).
import { KineError } from '../errors.js';

export class SnapshotError extends KineError {
  override name = 'SnapshotError';
}

/** The file is not a k8ts snapshot, or it is damaged (bad magic, bad checksum, truncated). */
export class SnapshotFormatError extends SnapshotError {
  override name = 'SnapshotFormatError';
}

/** The token given does not decrypt the snapshot's secrets (or none was given and one is needed). */
export class SnapshotTokenError extends SnapshotError {
  override name = 'SnapshotTokenError';
}

/** A restore target that is not empty, without --force. */
export class RestoreTargetError extends SnapshotError {
  override name = 'RestoreTargetError';
}

/** A --snapshot-schedule that is not a 5-field cron expression. */
export class CronSyntaxError extends SnapshotError {
  override name = 'CronSyntaxError';
}
