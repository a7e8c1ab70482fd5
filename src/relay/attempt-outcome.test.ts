import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import type { ChannelHealthSink } from '../routing/health/health-sink.js';
import { RouteHealth } from '../routing/health/route-health.js';
import { testChannel } from '../routing/test-channels.js';
import type { AttemptFailure } from './attempt-failure.js';
import { reportFailure } from './attempt-outcome.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { RelayDeps } from './relay-deps.js';

const attempt: PlannedAttempt = {
  channel: testChannel('main'),
  upstreamModel: 'claude-sonnet-4-5',
  apiKey: 'sk-x',
  keyId: 'k7',
};
const target = { channelId: 'main', keyId: 'k7', model: 'claude-sonnet-4-5' };

function setup(sink?: ChannelHealthSink) {
  const routeHealth = new RouteHealth({ now: () => 0 });
  const deps = { routeHealth, health: sink, logger: pino({ level: 'silent' }) } as unknown as RelayDeps;
  const ticket = routeHealth.begin(target);
  if (!ticket) throw new Error('not started');
  return { deps, routeHealth, ticket };
}

const fromUpstream = (error: GatewayError): AttemptFailure => ({ origin: 'upstream', error });

const creditTooLow = new GatewayError({
  kind: 'invalid_request',
  message:
    'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
  upstreamStatus: 400,
  upstreamType: 'invalid_request_error',
});

describe('reportFailure', () => {
  it('disables the key of a clear account error through the sink, and cools it meanwhile', () => {
    const calls: string[] = [];
    const { deps, routeHealth, ticket } = setup({
      autoDisableKey: (channelId, keyId, reason) => calls.push(`${channelId}/${keyId} ${reason}`),
      autoDisableChannel: () => calls.push('channel'),
    });
    expect(reportFailure(deps, ticket, attempt, fromUpstream(creditTooLow))?.scope).toBe('key');
    expect(calls).toEqual([
      expect.stringMatching(/^main\/k7 Upstream account unusable: HTTP 400 .*credit balance is too low/),
    ]);
    expect(routeHealth.usable(target)).toBe(false);
  });

  it('works without a sink, and survives one that throws', () => {
    expect(reportFailure(setup().deps, setup().ticket, attempt, fromUpstream(creditTooLow))?.scope).toBe('key');
    const throwing = setup({
      autoDisableKey: () => {
        throw new Error('store down');
      },
      autoDisableChannel: () => {},
    });
    expect(() => reportFailure(throwing.deps, throwing.ticket, attempt, fromUpstream(creditTooLow))).not.toThrow();
  });

  it.each([
    [
      'the client went away',
      { origin: 'client', error: new GatewayError({ kind: 'upstream_error', message: 'gone', code: 'client_closed' }) },
    ],
    ['AIHub’s own error', { origin: 'gateway', error: new GatewayError({ kind: 'internal', message: 'bug' }) }],
    [
      'AIHub’s own error that looks like an upstream’s',
      { origin: 'gateway', error: new GatewayError({ kind: 'upstream_error', message: 'x', upstreamStatus: 401 }) },
    ],
  ] as Array<[string, AttemptFailure]>)(
    'blames nobody when %s: the ticket is released untouched',
    (_label, failure) => {
      const calls: string[] = [];
      const { deps, routeHealth, ticket } = setup({
        autoDisableKey: () => calls.push('key'),
        autoDisableChannel: () => calls.push('channel'),
      });
      for (let i = 0; i < 10; i++) expect(reportFailure(deps, ticket, attempt, failure)).toBeUndefined();
      expect(calls).toEqual([]);
      expect(routeHealth.usable(target)).toBe(true);
      expect(routeHealth.snapshot()).toEqual({ cooldowns: [], openBreakers: [] });
    },
  );

  it('the same errors of upstream origin do reach the breaker', () => {
    const { deps, routeHealth } = setup();
    for (let i = 0; i < 5; i++) {
      const ticket = routeHealth.begin(target);
      if (!ticket) throw new Error('not started');
      const error = new GatewayError({ kind: 'upstream_error', message: 'x', upstreamStatus: 500 });
      reportFailure(deps, ticket, attempt, fromUpstream(error));
    }
    expect(routeHealth.snapshot().openBreakers).toHaveLength(1);
  });
});
