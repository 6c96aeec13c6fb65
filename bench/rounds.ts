/** Rows of one group, measured in turns: each repetition runs every row once, so a change in the machine's load hits them alike. */
import { runLoad, type LoadRequest } from './load';
import type { Runs } from './results';
import type { BenchServer } from './server-process';

export interface RoundOptions {
  rowSeconds: number;
  repetitions: number;
  connections: number;
  log: (line: string) => void;
}

/** Runs each named row once per repetition, in turn, after one unrecorded warm-up of each. */
export async function rounds(rows: Record<string, Runs>, server: BenchServer, options: RoundOptions, shapes: Record<string, LoadRequest>): Promise<void> {
  // Unrecorded: the JIT and the connection pool warm up on the shapes about to be measured.
  for (const shape of Object.values(shapes)) await runLoad(server.url, shape, { durationS: 1, connections: options.connections });
  for (let r = 0; r < options.repetitions; r++) {
    for (const [name, shape] of Object.entries(shapes)) {
      const run = await runLoad(server.url, shape, { durationS: options.rowSeconds, connections: options.connections });
      (rows[name] ??= []).push(run);
      options.log(`  ${server.name} ${name} #${r + 1}: ${Math.round(run.rps)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms${run.non2xx || run.errors ? `, ${run.non2xx} non-2xx, ${run.errors} errors` : ''}`);
    }
  }
}
