/** Calls each function among `listeners` with `event`; one that throws is logged and skipped. */
export function notify<E>(listeners: readonly unknown[], event: E): void {
  for (const listener of listeners) {
    if (typeof listener !== 'function') continue;
    try {
      (listener as (event: E) => void)(event);
    } catch (error) {
      // A listener's bug must show, but must not break the operation it observes.
      console.error('@idem/trpc-link: an event listener threw', error);
    }
  }
}
