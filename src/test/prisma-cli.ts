import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root (this file is src/test/prisma-cli.ts). */
export const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/**
 * Runs the stock Prisma CLI from the repository root against `databaseUrl`, through the project's
 * prisma.config.ts (and so through the offline schema-engine stand-in). Rejects with the CLI's
 * output when it exits non-zero.
 */
export async function prismaCli(args: readonly string[], databaseUrl: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(repoRoot, 'node_modules/prisma/build/index.js'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      timeout: 120_000,
    });
    return stdout + stderr;
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`prisma ${args.join(' ')} failed:\n${stdout}${stderr}`, { cause: error });
  }
}
