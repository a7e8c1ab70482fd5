import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { selectRoute } from '../routing/channel-selector.js';
import { RouteHealth } from '../routing/health/route-health.js';
import { KeyRotation } from '../routing/key-rotation.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { testCandidate } from '../routing/test-channels.js';
import { AttemptPlan, hasRouteChoice, planAttempts, type StartedAttempt } from './attempt-plan.js';

const twoKeys = [
  { id: 'k1', key: 'sk-one' },
  { id: 'k2', key: 'sk-two' },
];

function setup(candidates: RouteCandidate[], options: { maxAttempts?: number; deadline?: number } = {}) {
  const clock = { now: 0 };
  const health = new RouteHealth({ now: () => clock.now, breaker: { minCalls: 1 } });
  const plan = () =>
    new AttemptPlan(selectRoute(candidates, { health, random: () => 0 }), {
      maxAttempts: options.maxAttempts ?? 10,
      deadline: options.deadline ?? Number.POSITIVE_INFINITY,
      now: () => clock.now,
      keys: new KeyRotation(),
      health,
    });
  return { clock, health, plan };
}

const label = (started: StartedAttempt | undefined) =>
  started ? `${started.attempt.channel.name}/${started.attempt.keyId}${started.attempt.lastResort ? '!' : ''}` : 'none';

describe('AttemptPlan', () => {
  it('after a channel failure moves to the next channel, never back', () => {
    const { plan } = setup([testCandidate('a', { priority: 1, keys: twoKeys }), testCandidate('b')]);
    const attempts = plan();
    expect(label(attempts.next())).toBe('a/k1');
    expect(label(attempts.next('channel'))).toBe('b/b-k1');
    expect(label(attempts.next('channel'))).toBe('none');
    expect(attempts.count).toBe(2);
  });

  it('passes over the channels `accept` refuses (a continuation needs a vendor that continues a prefill)', () => {
    const { plan } = setup([
      testCandidate('a', { priority: 2, keys: twoKeys }),
      testCandidate('b', { priority: 1 }),
      testCandidate('c'),
    ]);
    const attempts = plan();
    expect(label(attempts.next())).toBe('a/k1');
    const onlyC = (candidate: RouteCandidate) => candidate.channel.name === 'c';
    // Even after a key failure, the refused channel's other key is not taken.
    expect(label(attempts.next('key', onlyC))).toBe('c/c-k1');
    expect(label(attempts.next('channel', onlyC))).toBe('none');
    expect(attempts.count).toBe(2);
  });

  it('after a key failure (429, 401, 402) tries another key of the same channel first', () => {
    const { plan } = setup([testCandidate('a', { priority: 1, keys: twoKeys }), testCandidate('b')]);
    const attempts = plan();
    expect(label(attempts.next())).toBe('a/k1');
    expect(label(attempts.next('key'))).toBe('a/k2');
    expect(label(attempts.next('key'))).toBe('b/b-k1');
  });

  it('gives one channel at most two keys while other channels are left, all of them when it is the last', () => {
    const threeKeys = [...twoKeys, { id: 'k3', key: 'sk-three' }];
    const { plan } = setup([
      testCandidate('a', { priority: 1, keys: threeKeys }),
      testCandidate('b', { keys: threeKeys }),
    ]);
    const attempts = plan();
    const order = [attempts.next()];
    for (let i = 0; i < 5; i++) order.push(attempts.next('key'));
    expect(order.map(label)).toEqual(['a/k1', 'a/k2', 'b/k1', 'b/k2', 'b/k3', 'none']);
  });

  it('does not try a key of the channel that was cooled by the failure just recorded', () => {
    const { health, plan } = setup([testCandidate('a', { priority: 1, keys: twoKeys }), testCandidate('b')]);
    const attempts = plan();
    attempts.next();
    health.failed(
      { target: { channelId: 'a', keyId: 'k2', model: 'm' }, breaker: 'normal' },
      health.classify(
        new GatewayError({ kind: 'rate_limit', message: 'slow', upstreamStatus: 429, retryAfterMs: 1_000 }),
      ),
    );
    expect(label(attempts.next('key'))).toBe('b/b-k1');
  });

  it('stops at the attempt limit', () => {
    const { plan } = setup(
      [testCandidate('a', { priority: 2 }), testCandidate('b', { priority: 1 }), testCandidate('c')],
      {
        maxAttempts: 2,
      },
    );
    const attempts = plan();
    attempts.next();
    attempts.next('channel');
    expect(attempts.next('channel')).toBeUndefined();
  });

  it('starts no new attempt once the time budget is spent (the first always starts)', () => {
    const { clock, plan } = setup([testCandidate('a', { priority: 1 }), testCandidate('b')], { deadline: 1_000 });
    clock.now = 5_000;
    const attempts = plan();
    expect(label(attempts.next())).toBe('a/a-k1');
    expect(attempts.next('channel')).toBeUndefined();
  });

  it('tries the soonest-recovering unhealthy key alone when nothing healthy is left', () => {
    const { health, plan } = setup([testCandidate('a', { priority: 1 }), testCandidate('b')]);
    const limit = (channelId: string, ms: number) =>
      health.failed(
        { target: { channelId, keyId: `${channelId}-k1`, model: 'm' }, breaker: 'normal' },
        health.classify(
          new GatewayError({ kind: 'rate_limit', message: 'slow', upstreamStatus: 429, retryAfterMs: ms }),
        ),
      );
    limit('a', 9_000);
    limit('b', 2_000);
    const attempts = plan();
    expect(label(attempts.next())).toBe('b/b-k1!');
    expect(attempts.next('key')).toBeUndefined();
  });

  it('skips a key whose half-open probe another request holds, and uses it only if nothing else is left', () => {
    const { clock, health, plan } = setup([testCandidate('a', { priority: 1 }), testCandidate('b')]);
    const aTarget = { channelId: 'a', keyId: 'a-k1', model: 'm' };
    const ticket = health.begin(aTarget);
    if (ticket)
      health.failed(
        ticket,
        health.classify(new GatewayError({ kind: 'upstream_error', message: 'x', upstreamStatus: 500 })),
      );
    clock.now = 30_000; // half-open
    const first = plan();
    const probe = first.next();
    expect(label(probe)).toBe('a/a-k1');
    expect(probe?.ticket.breaker).toBe('probe');
    expect(label(plan().next())).toBe('b/b-k1'); // the probe is out: a concurrent request goes to b
  });

  describe('when the chosen channels turn unhealthy between the selection and the first attempt', () => {
    // The relay selects, then awaits the balance hold, then starts the plan: concurrent requests
    // can open a breaker or take the half-open probe in between. The model must still be tried.
    const fail = (health: RouteHealth, target: { channelId: string; keyId: string; model: string }) => {
      const ticket = health.begin(target, true);
      if (!ticket) throw new Error('not started');
      health.failed(
        ticket,
        health.classify(new GatewayError({ kind: 'upstream_error', message: 'x', upstreamStatus: 500 })),
      );
    };

    it('a breaker opened meanwhile: the soonest-recovering choice is tried alone, not a 503', () => {
      const { health, plan } = setup([testCandidate('a', { keys: twoKeys })]);
      const attempts = plan();
      fail(health, { channelId: 'a', keyId: 'k1', model: 'm' });
      fail(health, { channelId: 'a', keyId: 'k2', model: 'm' });
      const started = attempts.next();
      expect(label(started)).toMatch(/^a\/k[12]!$/);
      expect(started?.ticket.breaker).toBe('forced');
    });

    it('the half-open probe taken meanwhile by a concurrent request: forced through, not a 503', () => {
      const { clock, health, plan } = setup([testCandidate('a')]);
      const target = { channelId: 'a', keyId: 'a-k1', model: 'm' };
      fail(health, target);
      clock.now = 30_000; // half-open: the selection sees a usable key
      const mine = plan();
      const concurrent = plan();
      expect(concurrent.next()?.ticket.breaker).toBe('probe');
      expect(label(mine.next())).toBe('a/a-k1!');
    });

    it('still moves to a healthy channel first when there is one', () => {
      const { health, plan } = setup([testCandidate('a', { priority: 1 }), testCandidate('b')]);
      const attempts = plan();
      fail(health, { channelId: 'a', keyId: 'a-k1', model: 'm' });
      expect(label(attempts.next())).toBe('b/b-k1');
    });
  });
});

describe('AttemptPlan.prefer (sticky routing)', () => {
  const threeKeys = [...twoKeys, { id: 'k3', key: 'sk-three' }];
  const rateLimited = new GatewayError({
    kind: 'rate_limit',
    message: 'slow',
    upstreamStatus: 429,
    retryAfterMs: 5_000,
  });

  function stickySetup(candidates: RouteCandidate[]) {
    const health = new RouteHealth({ now: () => 0, breaker: { minCalls: 1 } });
    const keys = new KeyRotation();
    const plan = () =>
      new AttemptPlan(selectRoute(candidates, { health, random: () => 0 }), {
        maxAttempts: 10,
        deadline: Number.POSITIVE_INFINITY,
        now: () => 0,
        keys,
        health,
      });
    return { health, keys, plan };
  }

  it('tries the sticky channel and key first, then fails over as usual', () => {
    const { plan } = stickySetup([testCandidate('a', { keys: threeKeys }), testCandidate('b', { keys: threeKeys })]);
    const attempts = plan();
    expect(attempts.prefer({ channelId: 'b', keyId: 'k3' })).toBe(true);
    const order = [attempts.next()];
    for (let i = 0; i < 3; i++) order.push(attempts.next('key'));
    expect(order.map(label)).toEqual(['b/k3', 'b/k1', 'a/k1', 'a/k2']);
  });

  it('leaves the rotation where it was: new conversations still spread over the pool', () => {
    const { plan } = stickySetup([testCandidate('a', { keys: threeKeys })]);
    for (let i = 0; i < 5; i++) {
      const sticky = plan();
      sticky.prefer({ channelId: 'a', keyId: 'k2' });
      expect(label(sticky.next())).toBe('a/k2');
    }
    expect([plan().next(), plan().next()].map(label)).toEqual(['a/k1', 'a/k2']);
  });

  it('refuses a cooling key, an unknown key or channel, and a channel ranked below the top tier', () => {
    const { health, plan } = stickySetup([
      testCandidate('a', { priority: 2, keys: twoKeys }),
      testCandidate('b', { priority: 1, keys: twoKeys }),
    ]);
    health.failed(
      { target: { channelId: 'a', keyId: 'k2', model: 'm' }, breaker: 'normal' },
      health.classify(rateLimited),
    );
    for (const route of [
      { channelId: 'a', keyId: 'k2' }, // cooling (429 with retry-after)
      { channelId: 'a', keyId: 'gone' }, // disabled or deleted key
      { channelId: 'gone', keyId: 'k1' }, // disabled channel or one no longer serving the model
      { channelId: 'b', keyId: 'k1' }, // a lower priority than the best healthy channel
    ]) {
      const attempts = plan();
      expect(attempts.prefer(route)).toBe(false);
      expect(label(attempts.next())).toBe('a/k1');
    }
  });

  it('refuses a key whose breaker is open, and a drained channel (weight 0)', () => {
    const { health, plan } = stickySetup([
      testCandidate('a', { keys: twoKeys }),
      testCandidate('drained', { keys: twoKeys, weight: 0 }),
    ]);
    const serverError = new GatewayError({ kind: 'upstream_error', message: 'boom', upstreamStatus: 500 });
    health.failed(
      { target: { channelId: 'a', keyId: 'k2', model: 'm' }, breaker: 'normal' },
      health.classify(serverError),
    );
    expect(health.usable({ channelId: 'a', keyId: 'k2', model: 'm' })).toBe(false);
    expect(plan().prefer({ channelId: 'a', keyId: 'k2' })).toBe(false);
    expect(plan().prefer({ channelId: 'drained', keyId: 'k1' })).toBe(false);
    expect(plan().prefer({ channelId: 'a', keyId: 'k1' })).toBe(true);
  });

  it('says whether there is a choice to make at all', () => {
    const choice = (candidates: RouteCandidate[]) =>
      hasRouteChoice(selectRoute(candidates, { health: new RouteHealth({ now: () => 0 }), random: () => 0 }));
    expect(choice([testCandidate('a')])).toBe(false);
    expect(choice([testCandidate('a', { keys: twoKeys })])).toBe(true);
    expect(choice([testCandidate('a'), testCandidate('b')])).toBe(true);
  });

  it('is ignored once the plan has started, and when there is no route', () => {
    const { plan } = stickySetup([testCandidate('a', { keys: twoKeys })]);
    const attempts = plan();
    expect(attempts.prefer(undefined)).toBe(false);
    attempts.next();
    expect(attempts.prefer({ channelId: 'a', keyId: 'k2' })).toBe(false);
  });
});

describe('planAttempts', () => {
  it('keeps a deadline the request set before (a fallback model’s plan): its first attempt only', () => {
    const candidates = [testCandidate('a', { priority: 1 }), testCandidate('b')];
    const health = new RouteHealth({ now: () => 5_000 });
    const deps = {
      maxAttempts: 10,
      maxRetryMs: 60_000,
      now: () => 5_000,
      keys: new KeyRotation(),
      routeHealth: health,
    };
    const selection = selectRoute(candidates, { health, random: () => 0 });
    const late = planAttempts(selection, deps, 4_000);
    expect(label(late.next())).toBe('a/a-k1');
    expect(label(late.next('channel'))).toBe('none');
    // Without one, the budget starts now.
    const fresh = planAttempts(selection, deps);
    fresh.next();
    expect(label(fresh.next('channel'))).toBe('b/b-k1');
  });
});
