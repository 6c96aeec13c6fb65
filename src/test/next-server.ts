import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePort } from './free-port';
import { repoRoot } from './prisma-cli';

export interface NextServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs the built app (`next start`, as `npm start` does) against `databaseUrl` and resolves once it
 * answers /api/health/live. Needs `next build` first: turbo runs `build:app` before `test:app`.
 */
export async function startNextServer(databaseUrl: string): Promise<NextServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/next'), ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', NEXT_MANUAL_SIG_HANDLE: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`next start exited with ${code}:\n${output}`))),
  );
  const stop = async () => {
    if (child.exitCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  };
  try {
    await Promise.race([waitUntilLive(url), exited]);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}

/** Polls the liveness endpoint until it answers, for at most 30 s. */
async function waitUntilLive(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const live = await fetch(`${url}/api/health/live`).then((r) => r.ok, () => false);
    if (live) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become live within 30 s`);
}
