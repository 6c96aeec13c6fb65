/**
 * The samples of a Prometheus text exposition, by series key — `name{a="x",b="y"}` with the labels
 * sorted by name; build keys with `series()`. Comments (# HELP, # TYPE) are skipped; values parse
 * as numbers (NaN and ±Inf included). A line that is not a sample throws: the format is the test.
 */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`Not a Prometheus sample line: ${line}`);
    const [, name, labels = '', value = ''] = match;
    samples.set(series(name ?? '', labelsOf(labels)), value === '+Inf' ? Infinity : value === '-Inf' ? -Infinity : Number(value));
  }
  return samples;
}

/** The series key `parsePrometheusText` files a sample under. */
export function series(name: string, labels: Record<string, string> = {}): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

function labelsOf(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [, key, value] of text.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[key ?? ''] = JSON.parse(`"${value ?? ''}"`) as string;
  return labels;
}
