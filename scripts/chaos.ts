/**
 * `npm run chaos`: shoppers place one order each through the real link while the shop is attacked —
 * SIGKILLs of a SQLite instance (kill-storm), three PostgreSQL instances behind a lossy proxy that
 * are killed in turn (cluster), a failing payment provider and its circuit breaker (gateway) — then
 * the database is checked for exactly-once. Loopback only, bounded in time and count.
 *
 *   npm run chaos -- [--scenario kill-storm|cluster|gateway|all] [--shoppers N] [--seed N] [--ci]
 *
 * Prints a table per run and every violation by name; exits 1 on any violation.
 */
import { freshDatabase } from './chaos/database';
import { parseChaosOptions, USAGE } from './chaos/options';
import { formatNotes, formatTable, type ScenarioResult } from './chaos/report';
import { runScenario } from './chaos/run-scenario';
import { defineScenario } from './chaos/scenarios';

const options = parseChaosOptions(process.argv.slice(2));
if ('error' in options) {
  if (options.error) console.error(options.error);
  console.error(USAGE);
  process.exit(options.error ? 2 : 0);
}

const results: ScenarioResult[] = [];
const failures: string[] = [];
console.log(`chaos: ${options.scenarios.join(', ')}; ${options.shoppers} shoppers each; seed ${options.seed}${options.ci ? '; CI size' : ''}`);
for (const name of options.scenarios) {
  try {
    const result = await runScenario(defineScenario(name, options), { openDatabase: freshDatabase, log: (line) => console.log(line), keepDatabaseOnViolation: true });
    results.push(result);
    console.log(`\n${formatTable([result])}\n${formatNotes(result)}\n`);
  } catch (error) {
    failures.push(`${name}: the scenario did not run to its end: ${(error as Error).stack ?? String(error)}`);
    console.error(failures.at(-1));
  }
}

if (results.length > 1) console.log(`${formatTable(results)}\n`);
const violations = results.reduce((sum, r) => sum + r.violations.length, 0);
if (violations > 0 || failures.length > 0) {
  console.error(`chaos: ${violations} violation(s)${failures.length > 0 ? `, ${failures.length} scenario(s) failed to run` : ''} (seed ${options.seed})`);
  process.exit(1);
}
console.log(`chaos: no violation (seed ${options.seed})`);
