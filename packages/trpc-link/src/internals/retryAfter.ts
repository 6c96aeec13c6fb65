/**
 * The wait a `Retry-After` header asks for, in milliseconds, or `undefined` when there is none or
 * it cannot be read.
 *
 * RFC 9110 §10.2.3: `Retry-After = HTTP-date / delay-seconds`, where delay-seconds is a
 * non-negative decimal integer (`Retry-After: 120`) and HTTP-date is an IMF-fixdate
 * (`Retry-After: Fri, 31 Dec 1999 23:59:59 GMT`, §5.6.7; recipients also accept the obsolete
 * RFC 850 and asctime forms, which `Date.parse` reads). A date in the past means "now": 0.
 */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // All three date forms start with the day name; `Date.parse` alone would take "-5" for a year.
  // asctime carries no zone but means GMT; `Date.parse` would read it as local time.
  const at = /^[A-Za-z]{3}/.test(value) ? Date.parse(/GMT$/.test(value) ? value : `${value} GMT`) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
