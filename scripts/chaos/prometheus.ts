/** Reads one instance's `/api/metrics` (operator credential) and picks samples out of the text format. */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export function parsePrometheus(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || line.startsWith('#')) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The samples of `name` whose labels include `labels`; an empty list when the instance did not answer. */
export async function readMetric(baseUrl: string, opsToken: string, name: string, labels: Record<string, string> = {}): Promise<Sample[]> {
  const response = await fetch(`${baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${opsToken}` } }).catch(() => null);
  if (!response?.ok) return [];
  const samples = parsePrometheus(await response.text());
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
}

/** The sum of the matching samples' values (0 when none). */
export async function metricValue(baseUrl: string, opsToken: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  return (await readMetric(baseUrl, opsToken, name, labels)).reduce((sum, s) => sum + s.value, 0);
}
