import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { isUpstreamFault } from '../upstream/upstream-fault.js';
import { attemptDeadline } from './attempt-deadline.js';

const timeouts = { connectMs: 1_000, headersMs: 5_000, idleMs: 5_000 };

describe('attemptDeadline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('aborts with a retryable first-byte timeout when nothing reached the client in time', () => {
    const deadline = attemptDeadline(new AbortController().signal, timeouts);
    vi.advanceTimersByTime(4_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    const reason = deadline.signal.reason as GatewayError;
    expect(reason).toBeInstanceOf(GatewayError);
    expect(reason.code).toBe('upstream_first_byte_timeout');
    expect(reason.status).toBe(504);
    expect(reason.retryable).toBe(true);
    expect(isUpstreamFault(reason)).toBe(true);
    deadline.dispose();
  });

  it('stops the first-byte clock once the answer started, but keeps the total one', () => {
    const deadline = attemptDeadline(new AbortController().signal, { ...timeouts, totalMs: 20_000 });
    vi.advanceTimersByTime(1_000);
    deadline.firstByteSent();
    vi.advanceTimersByTime(18_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect((deadline.signal.reason as GatewayError).code).toBe('upstream_total_timeout');
    deadline.dispose();
  });

  it('blames the upstream for a total timeout before the first byte, nobody after it (a slow reader)', () => {
    const before = attemptDeadline(new AbortController().signal, { ...timeouts, totalMs: 1_000 });
    vi.advanceTimersByTime(1_000);
    expect(isUpstreamFault(before.signal.reason)).toBe(true);
    before.dispose();

    const after = attemptDeadline(new AbortController().signal, { ...timeouts, totalMs: 1_000 });
    after.firstByteSent();
    vi.advanceTimersByTime(1_000);
    expect((after.signal.reason as GatewayError).code).toBe('upstream_total_timeout');
    expect(isUpstreamFault(after.signal.reason)).toBe(false);
    after.dispose();
  });

  it('follows the client going away, and stops listening once disposed', () => {
    const client = new AbortController();
    const deadline = attemptDeadline(client.signal, timeouts);
    client.abort();
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.signal.reason).toBe(client.signal.reason);

    const later = new AbortController();
    const disposed = attemptDeadline(later.signal, timeouts);
    disposed.dispose();
    later.abort();
    vi.advanceTimersByTime(60_000);
    expect(disposed.signal.aborted).toBe(false);
  });
});
