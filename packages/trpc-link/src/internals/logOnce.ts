/** A function that passes its first message to `log` and drops the rest: one warning, not one per call. */
export function logOnce(log: (message: string) => void): (message: string) => void {
  let logged = false;
  return (message) => {
    if (logged) return;
    logged = true;
    log(message);
  };
}
