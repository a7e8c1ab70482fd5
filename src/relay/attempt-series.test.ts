import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { selectRoute } from '../routing/channel-selector.js';
import { RouteHealth } from '../routing/health/route-health.js';
import { KeyRotation } from '../routing/key-rotation.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { testCandidate } from '../routing/test-channels.js';
import { DEFAULT_TIMEOUTS, type UpstreamSignal } from '../upstream/http-client.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { planAttempts } from './attempt-plan.js';
import { runAttemptSeries } from './attempt-series.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayTrace } from './relay-trace.js';

const quiet = { warn: () => undefined, error: () => undefined, info: () => undefined };

function setup(candidates: RouteCandidate[]) {
  const routeHealth = new RouteHealth({ now: () => 0 });
  const deps = {
    routeHealth,
    logger: quiet,
    maxAttempts: 5,
    maxRetryMs: 60_000,
    now: () => 0,
    keys: new KeyRotation(),
  } as unknown as RelayDeps;
  const plan = planAttempts(selectRoute(candidates, { health: routeHealth, random: () => 0 }), deps);
  const trace = { attemptLog: [] } as unknown as RelayTrace;
  const context = { requestId: 'req_1', trace, signal: new AbortController().signal };
  return { deps, plan, context, trace };
}

const overloaded = () =>
  upstreamFault(
    new GatewayError({ kind: 'upstream_error', message: 'overloaded', code: 'upstream_error', upstreamStatus: 503 }),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runAttemptSeries', () => {
  it("moves on to the next channel after an upstream failure, and answers with that channel's answer", async () => {
    const { deps, plan, context, trace } = setup([testCandidate('a', { priority: 1 }), testCandidate('b')]);
    const answer = await runAttemptSeries(plan, context, deps, async (attempt) => {
      if (attempt.channel.name === 'a') throw overloaded();
      return `from ${attempt.channel.name}`;
    });
    expect(answer).toBe('from b');
    expect(trace.attemptLog.map((entry) => [entry.channel, entry.outcome])).toEqual([
      ['a', 'upstream_error'],
      ['b', 'ok'],
    ]);
  });

  it("ends an attempt's deadline when it returns a whole answer", async () => {
    const timeouts = { ...DEFAULT_TIMEOUTS, totalMs: 20 };
    const { deps, plan, context } = setup([testCandidate('a', { timeouts })]);
    let seen: UpstreamSignal | undefined;
    await runAttemptSeries(plan, context, deps, async (_attempt, signal) => {
      seen = signal;
    });
    await sleep(50);
    expect(seen?.aborted).toBe(false);
  });

  it('hands the deadline to an answer still being read (adoptDeadline): its total limit keeps guarding the read', async () => {
    const timeouts = { ...DEFAULT_TIMEOUTS, totalMs: 20 };
    const { deps, plan, context } = setup([testCandidate('a', { timeouts })]);
    const opened = await runAttemptSeries(
      plan,
      context,
      deps,
      async (_attempt, signal) => ({ signal }),
      (answer, dispose) => ({ ...answer, dispose }),
    );
    await sleep(50);
    expect(opened.signal.aborted).toBe(true);
    expect((opened.signal as { reason?: unknown }).reason).toMatchObject({ kind: 'upstream_timeout' });
    opened.dispose();

    // Disposed by the reader in time, the limit no longer applies.
    const again = setup([testCandidate('a', { timeouts })]);
    const read = await runAttemptSeries(
      again.plan,
      again.context,
      again.deps,
      async (_attempt, signal) => ({ signal }),
      (answer, dispose) => ({ ...answer, dispose }),
    );
    read.dispose();
    await sleep(50);
    expect(read.signal.aborted).toBe(false);
  });
});
