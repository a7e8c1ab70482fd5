import { describe, expect, it } from 'vitest';
import type { RelayBilling } from '../relay/relay-ports.js';
import type { MediaJob } from './job-types.js';
import { relayJobHolds, relayJobLog } from './relay-job-holds.js';

type SettleInput = Parameters<RelayBilling['settleUnits']>[0];
type HoldInput = Parameters<RelayBilling['holdUnits']>[0];

function recordingBilling() {
  const holds: HoldInput[] = [];
  const settles: SettleInput[] = [];
  const billing: Pick<RelayBilling, 'holdUnits' | 'settleUnits'> = {
    holdUnits: async (input) => {
      holds.push(input);
      return { held: 100 } as Awaited<ReturnType<RelayBilling['holdUnits']>>;
    },
    settleUnits: async (input) => {
      settles.push(input);
      return { cost: input.usage ? 70 : 0 } as Awaited<ReturnType<RelayBilling['settleUnits']>>;
    },
  };
  return { billing, holds, settles };
}

const job = (request: unknown, extra: Partial<MediaJob> = {}): MediaJob => ({
  id: 'mj_1',
  kind: 'midjourney',
  userId: 'usr_a',
  keyId: 'key_a',
  requestId: 'req_1',
  channelId: 'ch_1',
  vendor: 'midjourney',
  model: 'midjourney',
  upstreamModel: 'midjourney',
  upstreamId: 'up_1',
  status: 'completed',
  progress: 100,
  request,
  result: null,
  error: null,
  units: null,
  cost: 0,
  createdAt: 1_000,
  updatedAt: 1_000,
  finishedAt: null,
  nextPollAt: 0,
  pollFailures: 0,
  leaseOwner: null,
  leaseUntil: 0,
  deadlineAt: 10_000,
  ...extra,
});

describe('relayJobHolds', () => {
  it('settles a job at the price of the caller kept in its request', async () => {
    const { billing, settles } = recordingBilling();
    const cost = await relayJobHolds(billing).settle(job({ caller: { group: 'vip', metered: false } }), {
      'mj:imagine': 1,
    });
    expect(cost).toBe(70);
    expect(settles[0]).toMatchObject({
      requestId: 'req_1',
      caller: { userId: 'usr_a', keyId: 'key_a', group: 'vip', metered: false },
      model: 'midjourney',
      usage: { units: { 'mj:imagine': 1 } },
    });
  });

  it('releases instead of charging when the job produced no billed unit (a button that opens a modal)', async () => {
    const { billing, settles } = recordingBilling();
    const cost = await relayJobHolds(billing).settle(job({ caller: { group: 'default', metered: true } }), {});
    expect(cost).toBe(0);
    expect(settles[0]?.usage).toBeUndefined();
  });

  it('reads the caller of a Midjourney row written before the shared layout (group and metered at the top)', async () => {
    const { billing, settles } = recordingBilling();
    await relayJobHolds(billing).settle(job({ action: 'imagine', group: 'vip', metered: false }), undefined);
    expect(settles[0]?.caller).toMatchObject({ group: 'vip', metered: false });
  });

  it('holds durably, names unitParam only when given, and releases a refused submission', async () => {
    const { billing, holds, settles } = recordingBilling();
    const jobHolds = relayJobHolds(billing);
    const pricing = { requestId: 'req_2', model: 'midjourney', vendor: 'midjourney', upstreamModel: 'midjourney' };
    const caller = { userId: 'usr_a', keyId: null, group: 'default', metered: true } as Parameters<
      typeof jobHolds.release
    >[0]['caller'];
    await jobHolds.hold({ ...pricing, caller, worst: { 'mj:imagine': 1 } });
    await jobHolds.hold({ ...pricing, caller, worst: { 'mj:upscale': 1 }, unitParam: 'customId' });
    await jobHolds.release({ ...pricing, caller });
    expect(holds[0]).toMatchObject({ durable: true, worst: { units: { 'mj:imagine': 1 } } });
    expect(holds[0]).not.toHaveProperty('unitParam');
    expect(holds[1]).toMatchObject({ unitParam: 'customId' });
    expect(settles).toEqual([{ ...pricing, caller, usage: undefined }]);
  });
});

describe('relayJobLog', () => {
  it('writes a failed job’s error, cost and run time to its log row', async () => {
    const updates: unknown[] = [];
    const log = relayJobLog({ update: async (id, patch) => void updates.push({ id, patch }) });
    const failed = job({}, { status: 'failed', error: { code: 'mj_failed', message: 'banned prompt' } });
    await log.finished(failed, 4_000);
    expect(updates).toEqual([
      {
        id: 'req_1',
        patch: {
          latencyMs: 3_000,
          cost: 0,
          errorCode: 'mj_failed',
          errorMessage: 'banned prompt',
          finishReason: 'failed',
        },
      },
    ]);
  });
});
