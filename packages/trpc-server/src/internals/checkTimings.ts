/** Refuses settings under which a live request could lose its key to a retry, or a key outlive nothing. */
export function checkTimings({ ttlMs, lockTimeoutMs, transactionTimeoutMs }: { ttlMs: number; lockTimeoutMs: number; transactionTimeoutMs: number | undefined }): void {
  const problems: string[] = [];
  if (!(ttlMs > lockTimeoutMs)) problems.push(`ttlMs (${ttlMs}) must be greater than lockTimeoutMs (${lockTimeoutMs})`);
  if (transactionTimeoutMs !== undefined && !(lockTimeoutMs > transactionTimeoutMs)) {
    problems.push(`lockTimeoutMs (${lockTimeoutMs}) must be greater than the store's transaction timeout (${transactionTimeoutMs})`);
  }
  if (problems.length > 0) throw new Error(`@idem/trpc-server: invalid timings: ${problems.join('; ')}.`);
}
