/**
 * The killer: picks an instance, waits until it answers ready, lets it live a random while, then
 * SIGKILLs it and starts it again on its port. With several instances the restart goes on in the
 * background while the next victim is chosen among the others, one instance always left alive.
 * Bounded in count and time, and it stops as soon as every shopper has settled.
 */
import type { Fleet } from './fleet';
import type { LeaseWatch } from './lease-watch';
import { pause } from './pause';
import type { Random } from './random';
import type { KillerPlan } from './scenarios';

export interface KillerReport {
  kills: number;
  /** Kills that took the completer's lease holder. */
  leaderKills: number;
  /** Instances that did not come back ready: each is a violation. */
  problems: string[];
}

export interface KillerOptions {
  fleet: Fleet;
  count: number;
  plan: KillerPlan;
  random: Random;
  /** True once the shoppers are all settled. */
  done: () => boolean;
  lease?: LeaseWatch;
}

export async function runKiller({ fleet, count, plan, random, done, lease }: KillerOptions): Promise<KillerReport> {
  const report: KillerReport = { kills: 0, leaderKills: 0, problems: [] };
  const restarting = new Map<number, Promise<void>>();
  const restart = (index: number) =>
    fleet
      .restart(index)
      .catch((error: unknown) => void report.problems.push(`instance ${index} did not restart: ${(error as Error).message}`))
      .finally(() => restarting.delete(index));
  const startedAt = Date.now();
  const inBudget = () => !done() && report.problems.length === 0 && report.kills < plan.maxKills && Date.now() - startedAt < plan.budgetMs;
  while (inBudget()) {
    // Never the last one standing: wait for a restart first.
    if (restarting.size >= count - 1 && restarting.size > 0) await Promise.race(restarting.values());
    const { index, leader } = await chooseVictim({ fleet, count, plan, random, lease, kills: report.kills, exclude: new Set(restarting.keys()) });
    if (!(await fleet.untilReady(index))) report.problems.push(`instance ${index} was not ready 30 s after its start`);
    await pause(random.between(plan.afterReadyMs[0], plan.afterReadyMs[1]), done);
    if (!inBudget()) break;
    await fleet.kill(index);
    report.kills++;
    if (leader) report.leaderKills++;
    restarting.set(index, restart(index));
  }
  await Promise.all(restarting.values());
  return report;
}

interface VictimChoice extends Omit<KillerOptions, 'done'> {
  kills: number;
  exclude: ReadonlySet<number>;
}

async function chooseVictim({ fleet, count, plan, random, lease, kills, exclude }: VictimChoice): Promise<{ index: number; leader: boolean }> {
  const candidates = Array.from({ length: count }, (_, i) => i).filter((i) => !exclude.has(i));
  const holder = lease ? await lease.currentPid() : undefined;
  const leaderIndex = candidates.find((i) => holder !== undefined && fleet.pid(i) === holder);
  if (plan.preferLeaseHolder && kills % 2 === 0 && leaderIndex !== undefined) return { index: leaderIndex, leader: true };
  const index = random.pick(candidates);
  return { index, leader: index === leaderIndex };
}
