import { describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import type { DatabaseProvider } from '~/server/db/database-url';
import { createTestDatabase } from '~/test/test-database';
import type { ChaosDatabase } from '../scripts/chaos/database';
import { runScenario } from '../scripts/chaos/run-scenario';
import { formatNotes, formatTable, type ScenarioResult } from '../scripts/chaos/report';
import { defineScenario, type ScenarioName } from '../scripts/chaos/scenarios';

/**
 * `npm run chaos` at CI size: the same runner, tens of shoppers, each scenario well under a minute.
 * Each test asserts that the database shows no violation of exactly-once, and that the chaos really
 * happened (instances killed, responses dropped, the breaker opened and closed).
 */
const SHOPPERS = 20;
const SEED = 20_261_130;

async function openDatabase(provider: DatabaseProvider): Promise<ChaosDatabase> {
  const database = await createTestDatabase(provider);
  await seed(database.db);
  return database;
}

async function chaos(name: ScenarioName): Promise<ScenarioResult> {
  const result = await runScenario(defineScenario(name, { shoppers: SHOPPERS, ci: true, seed: SEED }), { openDatabase });
  console.info(`${formatTable([result])}\n${formatNotes(result)}`);
  return result;
}

describe('npm run chaos, CI size', () => {
  it(`kill-storm (SQLite): ${SHOPPERS} shoppers through SIGKILLs 0.5–2 s after each ready, exactly once`, { timeout: 90_000 }, async () => {
    const result = await chaos('kill-storm');
    expect(result.violations).toEqual([]);
    expect(result.kills).toBeGreaterThan(0);
    expect([result.orders, result.charges]).toEqual([SHOPPERS, SHOPPERS]);
  });

  it(`cluster (PostgreSQL × 3): ${SHOPPERS} shoppers through a lossy proxy and killed instances, exactly once; the completer's lease moves`, { timeout: 90_000 }, async () => {
    const result = await chaos('cluster');
    expect(result.violations).toEqual([]);
    expect(result.kills).toBeGreaterThan(0);
    expect(result.leaderKills).toBeGreaterThan(0);
    expect(result.leaseHolders).toBeGreaterThan(1);
    expect(result.drops).toBeGreaterThan(0);
    expect(result.resets).toBeGreaterThan(0);
    expect([result.orders, result.charges]).toEqual([SHOPPERS, SHOPPERS]);
  });

  it(`gateway (SQLite): ${SHOPPERS} shoppers through a failing payment provider, exactly once; the breaker opens and closes`, { timeout: 90_000 }, async () => {
    const result = await chaos('gateway');
    expect(result.violations).toEqual([]);
    expect(result.breaker?.opened).toBeGreaterThan(0);
    expect(result.breaker?.closed).toBeGreaterThan(0);
    expect(result.breaker?.finalState).toBe('closed');
    expect(result.codes.PAYMENT_PROVIDER_CIRCUIT_OPEN).toBeGreaterThan(0);
    expect([result.orders, result.charges]).toEqual([SHOPPERS, SHOPPERS]);
  });
});
