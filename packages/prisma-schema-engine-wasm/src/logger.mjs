// Log lines on stderr, in the JSON shape the native schema-engine (Rust `tracing`, JSON formatter)
// writes. The Prisma CLI parses them: it keeps the last ERROR line's `fields` as the failure reason,
// and for one-shot `cli` subcommands it skips the first line (the native "Starting schema engine
// CLI" banner) and looks for `target: "schema_engine::logger"` with `fields.error_code`.

/** @typedef {'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE'} LogLevel */

const LEVELS = /** @type {const} */ (['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);

/**
 * The most verbose level `RUST_LOG` lets through. Like Rust's `EnvFilter::from_default_env()`, an
 * unset variable means errors only; the CLI sets `RUST_LOG=info` when it spawns the engine.
 * @param {string | undefined} rustLog
 * @returns {number} index into LEVELS
 */
export function maxLevelIndex(rustLog = process.env.RUST_LOG) {
  // `RUST_LOG` may be a directive list (`info,quaint=debug`): the bare level is the global default.
  const global = (rustLog ?? '').split(',').find((part) => !part.includes('='));
  const index = LEVELS.indexOf(/** @type {LogLevel} */ (global?.trim().toUpperCase()));
  return index === -1 ? 0 : index;
}

const threshold = maxLevelIndex();

/**
 * Writes one log line. `message` goes into `fields.message`, the rest of `fields` beside it.
 * @param {LogLevel} level
 * @param {string} target e.g. `schema_engine::logger`
 * @param {Record<string, unknown> & { message: string }} fields
 */
export function log(level, target, fields) {
  if (LEVELS.indexOf(level) > threshold) return;
  process.stderr.write(`${JSON.stringify({ timestamp: new Date().toISOString(), level, fields, target })}\n`);
}

/**
 * Forwards a log line produced by the WASM engine. They already have the native shape
 * (`{level, fields, target}`); only the level filter applies.
 * @param {string} line
 */
export function forwardEngineLog(line) {
  try {
    const { level } = JSON.parse(line);
    if (LEVELS.indexOf(level) > threshold) return;
  } catch {
    // Not JSON: pass it on as a message so stderr stays one JSON document per line.
    log('INFO', 'schema_engine_wasm', { message: String(line) });
    return;
  }
  process.stderr.write(`${line.trimEnd()}\n`);
}

/**
 * Logs a failure the way the native binary's `log_error_and_exit` does, so that the CLI finds it.
 * @param {{ message: string, error_code?: string, is_panic?: boolean }} error
 */
export function logError({ message, error_code = '', is_panic = false }) {
  log('ERROR', 'schema_engine::logger', { is_panic, error_code, message });
}
