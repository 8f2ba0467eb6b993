// upstream's slowStartBatch (controller_utils / replica_set.go): run `count` calls in batches of
// 1, 2, 4, … (each batch in parallel), stopping after the first batch with a failure, so that a
// controller that cannot create (quota, admission) fails once instead of hundreds of times.

export interface SlowStartResult {
  successes: number;
  /** The first failure, when a batch failed. */
  error?: unknown;
}

export async function slowStartBatch(count: number, initialBatchSize: number, fn: () => Promise<void>): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += results.filter((r) => r.status === 'fulfilled').length;
    if (failed) return { successes, error: failed.reason };
    remaining -= batch;
  }
  return { successes };
}
