/** `npm run chaos` options: `--scenario kill-storm|cluster|gateway|all`, `--shoppers N`, `--seed N`, `--ci`. */
import { parseArgs } from 'node:util';
import { SCENARIO_NAMES, type ScenarioName, type ScenarioSize } from './scenarios';

export interface ChaosOptions extends ScenarioSize {
  scenarios: ScenarioName[];
}

export const USAGE = `Usage: npm run chaos -- [--scenario kill-storm|cluster|gateway|all] [--shoppers N] [--seed N] [--ci]

  --scenario  which scenario to run (default: all, one after the other)
  --shoppers  shoppers per scenario, each placing one order (default: 200; with --ci: 24)
  --seed      the seed of every random choice (default: a random one, printed)
  --ci        CI size: tens of shoppers, fewer kills, shorter phases (under a minute per scenario)`;

/** Parsed options, or a message saying what is wrong with them. */
export function parseChaosOptions(argv: readonly string[]): ChaosOptions | { error: string } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { scenario: { type: 'string', default: 'all' }, shoppers: { type: 'string' }, seed: { type: 'string' }, ci: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      strict: true,
    }));
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help) return { error: '' };
  const scenario = values.scenario;
  const scenarios = scenario === 'all' ? [...SCENARIO_NAMES] : SCENARIO_NAMES.filter((name) => name === scenario);
  if (scenarios.length === 0) return { error: `--scenario must be one of ${SCENARIO_NAMES.join(', ')}, all (got ${scenario})` };
  const shoppers = values.shoppers === undefined ? (values.ci ? 24 : 200) : Number(values.shoppers);
  if (!Number.isInteger(shoppers) || shoppers < 1 || shoppers > 2_000) return { error: `--shoppers must be an integer from 1 to 2000 (got ${values.shoppers})` };
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0) return { error: `--seed must be a non-negative integer (got ${values.seed})` };
  return { scenarios, shoppers, seed, ci: values.ci };
}
