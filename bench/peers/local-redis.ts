/**
 * The Redis the peers' Redis stores use: BENCH_REDIS_URL, by default the local one at
 * redis://127.0.0.1:6379. The harness only asks whether it answers, and afterwards deletes every key
 * a run wrote there (all under the run's own prefix).
 */
import { createClient } from '@redis/client';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function benchRedisUrl(env: Record<string, string | undefined> = process.env): string {
  return env.BENCH_REDIS_URL ?? DEFAULT_REDIS_URL;
}

/** Undefined when Redis at `url` answers PING; otherwise why it did not. */
export async function redisUnavailable(url: string): Promise<string | undefined> {
  const client = createClient({ url, socket: { connectTimeout: 2_000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    const pong = await client.ping();
    return pong === 'PONG' ? undefined : `Redis at ${url} answered ${String(pong)} to PING`;
  } catch (error) {
    return `no Redis answered at ${url} (${(error as Error).message}); set BENCH_REDIS_URL to include these rows`;
  } finally {
    if (client.isOpen) await client.close();
  }
}

/** Deletes every key under `prefix`; returns how many there were. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<number> {
  const client = await createClient({ url }).connect();
  let deleted = 0;
  try {
    for await (const keys of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 1_000 })) {
      if (keys.length > 0) deleted += await client.del(keys);
    }
  } finally {
    await client.close();
  }
  return deleted;
}
