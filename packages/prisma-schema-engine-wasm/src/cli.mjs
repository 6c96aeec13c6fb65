// The one-shot `cli` subcommands: `schema-engine --datasource '{"url":…}' cli <command>`.
// The CLI runs them before starting the RPC engine (`migrate dev|deploy|reset`, `db push` create a
// missing database this way) and reads only stderr: it skips the first line (the native banner)
// and takes the failure from the ERROR line's `error_code` and `message`, so the exit status and
// these lines are the whole contract.

import { canConnect, createDatabase } from './database.mjs';
import { SchemaEngineError, userFacingError } from './errors.mjs';
import { log, logError } from './logger.mjs';
import { engineGitHash } from './wasm.mjs';

/** @type {Record<string, (url: string) => Promise<string>>} */
const COMMANDS = {
  'can-connect-to-database': async (url) => {
    await canConnect(url);
    return 'Connection successful';
  },
  'create-database': async (url) => `Database '${await createDatabase(url)}' was successfully created.`,
};

/**
 * Runs one subcommand and returns the process exit code.
 * @param {{ command: string | undefined, datasource: { url?: string } | undefined }} options
 * @returns {Promise<number>}
 */
export async function runCliCommand({ command, datasource }) {
  log('INFO', 'schema_engine', { message: 'Starting schema engine CLI', git_hash: await engineGitHash() });
  try {
    const run = command === undefined ? undefined : COMMANDS[command];
    if (!run) {
      throw new SchemaEngineError(`Unknown cli subcommand \`${command}\`. Expected one of: ${Object.keys(COMMANDS).join(', ')}.`);
    }
    if (!datasource?.url) {
      throw new SchemaEngineError(
        'The datasource.url property is required in your Prisma config file when using prisma migrate or prisma db commands.',
      );
    }
    log('INFO', 'schema_engine::commands', { message: await run(datasource.url) });
    return 0;
  } catch (error) {
    logError(userFacingError(error));
    return 1;
  }
}
