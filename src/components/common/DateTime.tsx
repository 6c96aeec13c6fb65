const FORMATS = {
  medium: new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }),
  short: new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }),
  time: new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }),
};

/**
 * A timestamp, formatted the same on the server and in the browser (UTC), so hydration never
 * disagrees. `short` ("Nov 28, 12:30") and `time` ("12:30:05", the full instant in its tooltip) suit
 * dense tables.
 */
export function DateTime({ iso, format = 'medium' }: { iso: string; format?: keyof typeof FORMATS }) {
  return (
    <time dateTime={iso} title={iso}>
      {FORMATS[format].format(new Date(iso))} UTC
    </time>
  );
}
