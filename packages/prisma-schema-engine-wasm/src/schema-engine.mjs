#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, which the Prisma CLI downloads from Prisma's
// binary host: offline, that download fails. Point PRISMA_SCHEMA_ENGINE_BINARY here (README.md shows
// how) and the unchanged CLI drives Prisma's own WASM schema engine over driver adapters.
//
//   schema-engine --version
//   schema-engine [--datamodels FILE]… [--datasource JSON]                   JSON-RPC on stdin/stdout
//   schema-engine [--datasource JSON] cli can-connect-to-database|create-database

import { parseArgs } from 'node:util';
import { runCliCommand } from './cli.mjs';
import { log, logError } from './logger.mjs';
import { serveJsonRpc } from './rpc.mjs';
import { createEngineSession } from './session.mjs';
import { engineGitHash } from './wasm.mjs';

// A bug in this script must reach the CLI like any engine failure: as an ERROR line on stderr.
const die = (/** @type {unknown} */ error) => {
  logError({ message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
};
process.on('uncaughtException', die);
process.on('unhandledRejection', die);

const { values, positionals } = parseArgs({
  options: {
    version: { type: 'boolean', short: 'V' },
    datamodels: { type: 'string', short: 'd', multiple: true },
    datasource: { type: 'string' },
    // Passed by the CLI; the WASM engine has no use for them.
    'enabled-preview-features': { type: 'string' },
    'extension-types': { type: 'string' },
  },
  allowPositionals: true,
});

/** @type {{ url?: string, shadowDatabaseUrl?: string } | undefined} */
const datasource = values.datasource ? JSON.parse(values.datasource) : undefined;

if (values.version) {
  process.stdout.write(`schema-engine-cli ${await engineGitHash()}\n`);
  process.exit(0);
}

if (positionals[0] === 'cli') {
  // Exit explicitly: a closed `pg` pool can keep the event loop alive for seconds.
  process.exit(await runCliCommand({ command: positionals[1], datasource }));
}

log('INFO', 'schema_engine', { message: 'Starting schema engine RPC server', git_hash: await engineGitHash() });
const session = createEngineSession({ datamodelPaths: values.datamodels ?? [], datasource });

// The CLI ends a session by closing stdin and, right after, sending SIGTERM.
let closing;
const shutdown = () => {
  closing ??= session.close().then(() => process.exit(0), die);
  return closing;
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

await serveJsonRpc({ handle: session.handle });
await shutdown();
