import { hostname } from 'node:os';
import pino, { type DestinationStream, type Logger } from 'pino';
import { readServerEnv, type LogLevel } from '../env';

export type { Logger } from 'pino';

/**
 * Values no log line may carry, wherever a caller puts them: credentials in headers (a request's
 * `authorization` and `cookie`, a response's `set-cookie`), card tokens in a payment input, and the
 * operator and session secrets. pino replaces each with `[Redacted]` before the line is written.
 * Paths are exact (one `*` is one level), so each place a secret can sit is listed.
 */
export const REDACT_PATHS: readonly string[] = [
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  '*.headers.authorization',
  '*.headers.cookie',
  '*.headers["set-cookie"]',
  'authorization',
  'cookie',
  'token',
  '*.token',
  'payment.token',
  '*.payment.token',
  'input.payment.token',
  '*.input.payment.token',
  'opsToken',
  'OPS_TOKEN',
  '*.OPS_TOKEN',
  'sessionSecret',
  'SESSION_SECRET',
  '*.SESSION_SECRET',
];

export interface CreateLoggerOptions {
  /** @default LOG_LEVEL, else `info` (`silent` under NODE_ENV=test) */
  level?: LogLevel;
  /**
   * Where lines go, e.g. a stream a test reads. Takes precedence over `pretty`.
   * @default stdout
   */
  destination?: DestinationStream;
  /**
   * Human-readable lines through pino-pretty (a worker thread) instead of JSON.
   * @default NODE_ENV === 'development'
   */
  pretty?: boolean;
}

/**
 * A pino logger writing one JSON object per line: `level` as a label, `time` as ISO 8601, the
 * message in `msg`, errors under `err` (message, type and stack), secrets redacted (`REDACT_PATHS`).
 */
export function createLogger({ level = defaultLevel(), destination, pretty = process.env.NODE_ENV === 'development' }: CreateLoggerOptions = {}): Logger {
  const options: pino.LoggerOptions = {
    level,
    // Which instance wrote the line, when several serve one shop.
    base: { service: 'idem-shop', hostname: hostname(), pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Labels, not numbers: `"level":"warn"` is what people grep and alert on.
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACT_PATHS], censor: '[Redacted]' },
  };
  if (destination) return pino(options, destination);
  // pino-pretty is a dev dependency: only ever loaded in development.
  if (pretty) return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l' } } });
  return pino(options);
}

function defaultLevel(): LogLevel {
  return readServerEnv().LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info');
}

// On `globalThis`: Next.js bundles each route separately; one process, one logger (one stdout writer).
const globalForLogger = globalThis as unknown as { idemLogger?: Logger };

/** The process's logger. Per request, `requestLogger()` (see request-scope) adds the request's fields. */
export const logger: Logger = (globalForLogger.idemLogger ??= createLogger());
