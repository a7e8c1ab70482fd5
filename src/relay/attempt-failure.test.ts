import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { attemptFailure } from './attempt-failure.js';

const upstream500 = () =>
  upstreamFault(new GatewayError({ kind: 'upstream_error', message: 'boom', upstreamStatus: 500 }));

describe('attemptFailure', () => {
  it('blames the upstream only for what the upstream exchange marked', () => {
    const error = upstream500();
    expect(attemptFailure(error, false)).toEqual({ origin: 'upstream', error });
  });

  it('an upstream-looking GatewayError that nothing marked is AIHub’s, not the upstream’s', () => {
    const lookalike = new GatewayError({ kind: 'upstream_error', message: 'x', code: 'upstream_connection_error' });
    expect(attemptFailure(lookalike, false)).toEqual({ origin: 'gateway', error: lookalike });
  });

  it('an exception is AIHub’s own, rendered as an internal error that keeps its cause', () => {
    const bug = Object.assign(new TypeError('Invalid character in header content'), { code: 'ERR_INVALID_CHAR' });
    const failure = attemptFailure(bug, false);
    expect(failure.origin).toBe('gateway');
    expect(failure.error).toMatchObject({ kind: 'internal', status: 500, retryable: false });
    expect(failure.error.message).not.toContain('header');
    expect(failure.error.cause).toBe(bug);
  });

  it('once the client is gone, whatever broke is the client’s leaving', () => {
    const failure = attemptFailure(new DOMException('aborted', 'AbortError'), true);
    expect(failure.origin).toBe('client');
    expect(failure.error.code).toBe('client_closed');
  });

  it('an upstream failure stays the upstream’s even if the client left meanwhile', () => {
    expect(attemptFailure(upstream500(), true).origin).toBe('upstream');
  });
});
