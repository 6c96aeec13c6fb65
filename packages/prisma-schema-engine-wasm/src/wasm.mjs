// Loads `@prisma/schema-engine-wasm` on plain Node 20. Its package entry does
// `import * as wasm from "./schema_engine_bg.wasm"`, which needs `--experimental-wasm-modules`; so we
// import the JS glue alone and wire the WebAssembly instance to it by hand, exactly as that entry would.

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** @typedef {import('@prisma/schema-engine-wasm').SchemaEngine} SchemaEngine */

/**
 * The reason of the last WASM panic. Rust's panic hook reports it through this global before the
 * instance traps with a bare `RuntimeError: unreachable`.
 * @type {{ message: string | undefined, set_message(message: string): void }}
 */
export const panicRegistry = {
  message: undefined,
  set_message(message) {
    this.message = message;
  },
};

/** @type {Promise<typeof import('@prisma/schema-engine-wasm')> | undefined} */
let loading;

/** The instantiated WASM module's JS API (`SchemaEngine`, `version`), loaded once per process. */
export function loadSchemaEngineWasm() {
  loading ??= (async () => {
    // The glue calls `global.PRISMA_WASM_PANIC_REGISTRY.set_message(...)` from its panic hook.
    /** @type {any} */ (globalThis).PRISMA_WASM_PANIC_REGISTRY = panicRegistry;
    const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    /** @type {any} */ (instance.exports).__wbindgen_start();
    return /** @type {typeof import('@prisma/schema-engine-wasm')} */ (/** @type {unknown} */ (glue));
  })();
  return loading;
}

/**
 * The prisma-engines commit the WASM build comes from, what `--version` reports. Read from the
 * package version (`8.1.0-2.<commit>`, the same as the module's `version()`), because compiling
 * the 5 MB module for a version banner would slow down every CLI command.
 */
export async function engineGitHash() {
  const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const { version } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
  return String(version).split('.').at(-1);
}

/** True for a WebAssembly trap, which is how a Rust panic surfaces; the instance is unusable after it. */
export function isWasmPanic(/** @type {unknown} */ error) {
  return error instanceof WebAssembly.RuntimeError;
}

/**
 * Starts a WASM `SchemaEngine` over a driver adapter factory. It connects right away (on Postgres it
 * queries the server version), so connection failures surface here.
 * @param {{
 *   datamodels: [path: string, content: string][] | undefined,
 *   adapterFactory: object,
 *   onLog: (line: string) => void,
 * }} options
 * @returns {Promise<SchemaEngine>}
 */
export async function startSchemaEngine({ datamodels, adapterFactory, onLog }) {
  const { SchemaEngine } = await loadSchemaEngineWasm();
  // `datamodels` must be undefined or non-empty, as in Prisma's own WASM loader.
  return SchemaEngine.new({ datamodels: datamodels?.length ? datamodels : undefined }, onLog, adapterFactory);
}
