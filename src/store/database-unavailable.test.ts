import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { toGatewayError } from '../http/error-response.js';
import { isDatabaseUnavailable } from './database-unavailable.js';

describe('isDatabaseUnavailable', () => {
  it('knows PostgreSQL out of connections, starting or stopping, and connection exceptions', () => {
    for (const code of ['53300', '57P03', '57P01', '08006', '08001']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code }))).toBe(true);
    }
  });

  it('knows SQLite locked past its busy timeout and pg-pool waiting too long', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('leaves bugs and bad data alone', () => {
    for (const code of ['23505', '42P01', '22P02', 'SQLITE_CONSTRAINT', 'ERR_INVALID_ARG_TYPE']) {
      expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code }))).toBe(false);
    }
    expect(isDatabaseUnavailable(new TypeError('undefined is not a function'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('53300')).toBe(false);
  });

  it('recognises the real error of a PostgreSQL server that is not there', async () => {
    // Port 1: nothing listens there, so the driver fails with its own ECONNREFUSED.
    const client = new pg.Client({ host: '127.0.0.1', port: 1, user: 'postgres', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);
  });
});

describe('a database that cannot take the request, at the edge', () => {
  it('is a 503 to retry, with no detail of the cause, not a 500', () => {
    const error = toGatewayError(Object.assign(new Error('sorry, too many clients already'), { code: '53300' }));
    expect(error.status).toBe(503);
    expect(error.code).toBe('service_unavailable');
    expect(error.retryAfterMs).toBe(1000);
    expect(error.message).not.toMatch(/clients|53300/);
  });

  it('a bug is still a 500', () => {
    expect(toGatewayError(new TypeError('x is undefined')).status).toBe(500);
  });
});
