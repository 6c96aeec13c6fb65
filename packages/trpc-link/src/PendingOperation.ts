/**
 * A mutation sent with `resumable` whose outcome is unknown (a 5xx, a lost response, a reload
 * mid-request), as `link.pendingOperations()` lists it. Sending `input` to `path` again reuses
 * `key`: the server resumes or replays the first attempt instead of running it twice.
 */
export interface PendingOperation {
  /** The key every attempt carried, and the one the next identical call gets. */
  key: string;
  /** The procedure, e.g. `checkout.placeOrder`. */
  path: string;
  /** The input as sent, through JSON (a `Date` is now its ISO string). */
  input: unknown;
  /** The call's `resumeData`, or `undefined`. Validate it: storage is outside your control. */
  data: unknown;
  /** When the key was made, on the link's clock. */
  createdAt: number;
  /** When the journal stops handing the key out (`journalTtlMs` after `createdAt`). */
  expiresAt: number;
}

/** Which pending operations `link.pendingOperations()` lists. */
export interface PendingOperationsOptions {
  /**
   * Only this procedure's.
   * @default undefined — every procedure's
   */
  path?: string;
  /**
   * The scope to read (pass `undefined` for the unscoped journal).
   * @default the link's `scope` option, read now
   */
  scope?: string | undefined;
}
