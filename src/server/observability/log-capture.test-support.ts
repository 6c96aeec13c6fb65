import type { LogLevel } from '../env';
import { createLogger, type Logger } from './logger';

/** A log line as written: pino's JSON object. */
export type LogLine = Record<string, unknown> & { level: string; msg: string };

/**
 * A real pino logger (redaction, formatters and all) whose lines a test reads: `raw` as written,
 * `lines` parsed. pino writes to a plain `{ write }` stream synchronously, so a line is here as soon
 * as the call that logs it returns.
 */
export function captureLogs(level: LogLevel = 'debug'): { logger: Logger; raw: string[]; lines: LogLine[] } {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const logger = createLogger({
    level,
    destination: {
      write(line: string) {
        raw.push(line);
        lines.push(JSON.parse(line) as LogLine);
      },
    },
  });
  return { logger, raw, lines };
}
