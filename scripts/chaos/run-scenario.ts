/**
 * One scenario from start to verdict: a fresh database, the instances, the proxy, the shoppers and
 * the scenario's chaos at the same time; then the completer's drain, the instances' stop, and the
 * database's verdict. Used by `npm run chaos` (scripts/chaos.ts) and by e2e/chaos.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { judge, waitForCompleter } from './assertions';
import type { ChaosDatabase, OpenDatabase } from './database';
import { startFleet, type Fleet } from './fleet';
import { startGatewayStorm, type BreakerReport } from './gateway-storm';
import { runKiller, type KillerReport } from './killer';
import { watchLease, type LeaseWatch } from './lease-watch';
import { observe } from './observations';
import { startChaosProxy, type ChaosProxy } from './proxy';
import { seededRandom, type Random } from './random';
import type { Db } from '~/server/db/create-db';
import { percentile, type ScenarioResult } from './report';
import type { ScenarioDefinition } from './scenarios';
import { openSessions, runShoppers, type ShopperPlan } from './shoppers';

export interface RunScenarioOptions {
  /** Where the scenario's fresh, migrated, seeded database comes from. */
  openDatabase: OpenDatabase;
  /** Progress lines. @default none */
  log?: (line: string) => void;
  /** Keep the database after a violation, and say where it is. @default false */
  keepDatabaseOnViolation?: boolean;
}

/** Enough stock that no run sells out: every order must succeed. */
const STOCK = 1_000_000;

export async function runScenario(scenario: ScenarioDefinition, { openDatabase, log = () => {}, keepDatabaseOnViolation = false }: RunScenarioOptions): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const random = seededRandom(scenario.seed + scenario.name.length * 7_919);
  log(`${scenario.name}: ${scenario.shoppers} shoppers on ${scenario.provider} × ${scenario.instances} (seed ${scenario.seed})`);
  const database = await openDatabase(scenario.provider);
  let keep = false;
  try {
    const result = await runOn(database, scenario, random, log);
    keep = keepDatabaseOnViolation && result.violations.length > 0;
    if (keep) log(`${scenario.name}: the database is kept for a look: ${database.url}`);
    return { ...result, durationMs: Date.now() - startedAt };
  } finally {
    if (!keep) await database.drop();
  }
}

async function runOn(database: ChaosDatabase, scenario: ScenarioDefinition, random: Random, log: (line: string) => void): Promise<ScenarioResult> {
  const startedAt = Date.now();
  const { stockBefore, plans } = await stockUp(database.db, scenario, random);
  const secrets = { SESSION_SECRET: randomBytes(24).toString('hex'), OPS_TOKEN: randomBytes(24).toString('hex') };
  const fleet = await startFleet({ count: scenario.instances, databaseUrl: database.url, env: { ...scenario.env, ...secrets } });
  const lease = watchLease(database.db);
  let proxy: ChaosProxy | undefined;
  try {
    const cookies = await openSessions(fleet.url(0), scenario.shoppers);
    const observations = observe(cookies);
    proxy = await startChaosProxy({ ports: fleet.ports, faults: scenario.faults, random: random.fork(), onExchange: observations.onExchange });
    log(`${scenario.name}: ${cookies.length} sessions open; the chaos starts`);
    const chaos = await runChaos({ scenario, fleet, lease, proxy, cookies, plans, random, opsToken: secrets.OPS_TOKEN });
    log(`${scenario.name}: the shoppers settled after ${((Date.now() - startedAt) / 1000).toFixed(1)} s; waiting for the completer`);
    const drained = await waitForCompleter(database.db, scenario.drainMs);
    lease.stop();
    await proxy.close();
    await fleet.stop();
    const verdict = await judge(database.db, { outcomes: chaos.outcomes, observations, stockBefore });
    const confirmed = chaos.outcomes.filter((o) => o.orderId !== undefined).map((o) => o.elapsedMs);
    return {
      name: scenario.name,
      provider: scenario.provider,
      instances: scenario.instances,
      shoppers: scenario.shoppers,
      kills: chaos.killer?.kills ?? 0,
      leaderKills: chaos.killer?.leaderKills ?? 0,
      drops: proxy.stats.drops,
      resets: proxy.stats.resets,
      upstreamFailures: proxy.stats.upstreamFailures,
      retries: chaos.outcomes.reduce((sum, o) => sum + o.retries, 0),
      replays: chaos.outcomes.reduce((sum, o) => sum + o.replays, 0),
      p50Ms: percentile(confirmed, 50),
      p99Ms: percentile(confirmed, 99),
      orders: verdict.orders,
      charges: verdict.charges,
      leaseHolders: lease.holders.length,
      breaker: chaos.breaker,
      codes: { ...observations.codes },
      durationMs: 0,
      violations: [
        ...(chaos.killer?.problems ?? []),
        ...(chaos.breaker?.problems ?? []),
        ...(drained ? [] : [`the completer left records with committed phases IN_PROGRESS after ${scenario.drainMs} ms`]),
        ...verdict.violations,
      ],
    };
  } finally {
    lease.stop();
    await proxy?.close();
    await fleet.stop();
  }
}

async function stockUp(db: Db, scenario: ScenarioDefinition, random: Random) {
  // WAL, as `npm start` prepares a SQLite file: the verdict's reads never wait for the instance's writes.
  if (scenario.provider === 'sqlite') await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.product.updateMany({ data: { stock: STOCK } });
  const products = await db.product.findMany({ select: { id: true, stock: true }, orderBy: { id: 'asc' } });
  const plans: ShopperPlan[] = Array.from({ length: scenario.shoppers }, () => ({ productId: random.pick(products).id, quantity: random.int(1, 3), arriveAfterMs: Math.floor(random.between(0, scenario.arrivalMs)) }));
  return { stockBefore: new Map(products.map((p) => [p.id, p.stock])), plans };
}

interface ChaosInput {
  scenario: ScenarioDefinition;
  fleet: Fleet;
  lease: LeaseWatch;
  proxy: ChaosProxy;
  cookies: string[];
  plans: ShopperPlan[];
  random: Random;
  opsToken: string;
}

/** The shoppers and the scenario's chaos, together; resolves when the shoppers and the chaos are all done. */
async function runChaos({ scenario, fleet, lease, proxy, cookies, plans, random, opsToken }: ChaosInput) {
  const halfOpenMs = Number(scenario.env.PAYMENT_BREAKER_HALF_OPEN_MS ?? 10_000);
  const storm = scenario.gateway ? await startGatewayStorm({ url: fleet.url(0), opsToken, plan: scenario.gateway, halfOpenMs }) : undefined;
  let settled = 0;
  const shopping = runShoppers({ url: proxy.url, cookies, plans, deadlineMs: scenario.deadlineMs, onSettled: () => settled++ });
  const done = () => settled === cookies.length;
  const killing: Promise<KillerReport | undefined> = scenario.killer ? runKiller({ fleet, count: scenario.instances, plan: scenario.killer, random: random.fork(), done, lease }) : Promise.resolve(undefined);
  const breaking: Promise<BreakerReport | undefined> = storm ? storm.finished : Promise.resolve(undefined);
  const [outcomes, killer, breaker] = await Promise.all([shopping, killing, breaking]);
  return { outcomes, killer, breaker };
}
