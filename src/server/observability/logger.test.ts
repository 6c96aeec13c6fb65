import { describe, expect, it } from 'vitest';
import { captureLogs } from './log-capture.test-support';
import { createLogger } from './logger';

describe('createLogger', () => {
  it('writes one JSON object per line: level label, ISO time, message, service', () => {
    const { logger, raw, lines } = captureLogs('info');
    logger.info({ event: 'request', status: 200 }, 'request');
    logger.debug('below the level');
    expect(raw).toHaveLength(1);
    expect(raw[0]?.endsWith('\n')).toBe(true);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'request', event: 'request', status: 200, service: 'idem-shop' });
    expect(new Date(lines[0]?.time as string).toISOString()).toBe(lines[0]?.time);
  });

  it('redacts credentials in headers, card tokens in inputs and the secrets, wherever a caller puts them', () => {
    const { logger, raw, lines } = captureLogs('debug');
    const secrets = ['Bearer ops-0123456789', 'idem_session=s3cr3t.sig', '__Host-idem_session=abc; Path=/', 'tok_visa_secret', 'ops-token-value', 'session-secret-value'];
    logger.info({ headers: { authorization: secrets[0], cookie: secrets[1], 'set-cookie': secrets[2], 'x-request-id': 'visible' } }, 'request headers');
    logger.info({ req: { headers: { authorization: secrets[0], cookie: secrets[1] } } }, 'nested');
    logger.info({ input: { payment: { token: secrets[3] } } }, 'input');
    logger.info({ payment: { token: secrets[3] }, token: secrets[3] }, 'payment');
    logger.info({ env: { OPS_TOKEN: secrets[4], SESSION_SECRET: secrets[5] }, opsToken: secrets[4], sessionSecret: secrets[5] }, 'settings');
    for (const line of raw) for (const secret of secrets) expect(line).not.toContain(secret);
    expect(lines[0]).toMatchObject({ headers: { authorization: '[Redacted]', cookie: '[Redacted]', 'set-cookie': '[Redacted]', 'x-request-id': 'visible' } });
    expect(lines[1]).toMatchObject({ req: { headers: { authorization: '[Redacted]', cookie: '[Redacted]' } } });
    expect(lines[2]).toMatchObject({ input: { payment: { token: '[Redacted]' } } });
    expect(lines[4]).toMatchObject({ env: { OPS_TOKEN: '[Redacted]', SESSION_SECRET: '[Redacted]' }, opsToken: '[Redacted]' });
  });

  it('serializes an error under err with its type, message and stack', () => {
    const { logger, lines } = captureLogs('info');
    logger.error({ err: new TypeError('boom') }, 'failed');
    expect(lines[0]?.err).toMatchObject({ type: 'TypeError', message: 'boom' });
    expect((lines[0]?.err as { stack: string }).stack).toContain('logger.test.ts');
  });

  it('is silent under NODE_ENV=test unless LOG_LEVEL says otherwise', () => {
    expect(process.env.NODE_ENV).toBe('test');
    expect(createLogger({ destination: { write: () => {} } }).level).toBe(process.env.LOG_LEVEL ?? 'silent');
  });
});
