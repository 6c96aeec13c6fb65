/** Prisma's P2002, checked by shape so that any generated client's error class matches. */
export function isUniqueViolation(error: unknown): boolean {
  return prismaCodeOf(error) === 'P2002';
}

/**
 * The database aborted the transaction before it could commit: P2034 (deadlock or write conflict,
 * PostgreSQL 40P01 / 40001), or P2028 when it could not even start. Other P2028s ("transaction
 * already closed", an expired transaction) may come after a commit began, so they are not retried.
 */
export function isAbortedBeforeCommit(error: unknown): boolean {
  const code = prismaCodeOf(error);
  if (code === 'P2034') return true;
  return code === 'P2028' && /unable to start a transaction/i.test((error as Error).message ?? '');
}

export function prismaCodeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}
