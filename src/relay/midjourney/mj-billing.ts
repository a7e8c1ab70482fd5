import type { JobLogUpdates, JobSettlement } from '../../jobs/job-settlement.js';
import type { MediaJob } from '../../jobs/job-types.js';
import type { RouteCandidate } from '../../routing/model-router.js';
import type { BillingCaller, RelayBilling, RelayCaller, RelayLog } from '../relay-ports.js';
import { MJ_MODEL, mjJobRequest } from './mj-job.js';
import type { MjBilling } from './mj-ports.js';

/**
 * Midjourney's money through the relay's unit billing: the action's unit (`mj:imagine`...) held
 * at submission as a DURABLE hold (it belongs to the job row, so the orphan sweep leaves it and
 * whichever replica ends the task settles it), charged once when the task succeeds, released
 * when the proxy refuses it, the task fails or its deadline passes. The job's request keeps the
 * caller's group and whether they are metered, so a poller can settle from the row alone.
 */
export class MjUnitBilling implements MjBilling, JobSettlement {
  constructor(private readonly billing: Pick<RelayBilling, 'holdUnits' | 'settleUnits'>) {}

  async hold(input: {
    requestId: string;
    caller: RelayCaller;
    route: RouteCandidate;
    units: Record<string, number>;
    unitParam?: string;
  }): Promise<number> {
    const { held } = await this.billing.holdUnits({
      ...pricing(input.requestId, input.caller, input.route.channel.vendor),
      worst: { inputTokens: {}, outputTokens: {}, units: input.units },
      durable: true,
      ...(input.unitParam ? { unitParam: input.unitParam } : {}),
    });
    return held;
  }

  async release(input: { requestId: string; caller: RelayCaller; route: RouteCandidate }): Promise<void> {
    await this.billing.settleUnits({
      ...pricing(input.requestId, input.caller, input.route.channel.vendor),
      usage: undefined,
    });
  }

  /** JobSettlement: the produced units at the caller's price, or a release (no units, or none billed). */
  async settle(job: MediaJob, units: Record<string, number> | undefined): Promise<number> {
    const request = mjJobRequest(job);
    const caller: BillingCaller = {
      userId: job.userId,
      keyId: job.keyId,
      group: request?.group ?? 'default',
      metered: request?.metered ?? true,
    };
    const billed = units && Object.values(units).some((count) => count > 0);
    const settlement = await this.billing.settleUnits({
      ...pricing(job.requestId, caller, job.vendor),
      usage: billed ? { inputTokens: {}, outputTokens: {}, units } : undefined,
    });
    return settlement.cost;
  }
}

function pricing(requestId: string, caller: BillingCaller, vendor: string) {
  return { requestId, caller, model: MJ_MODEL, vendor, upstreamModel: MJ_MODEL };
}

/** The submission's log row follows its job: the charge and units when it succeeds, the reason when it fails. */
export function mjJobLogUpdates(log: Pick<RelayLog, 'update'>): JobLogUpdates {
  return {
    progressed: async () => {},
    finished: async (job, now) => {
      await log.update(job.requestId, {
        latencyMs: Math.max(0, now - job.createdAt),
        cost: job.cost,
        ...(job.units ? { units: job.units } : {}),
        ...(job.status === 'completed'
          ? {}
          : { errorCode: job.error?.code ?? job.status, errorMessage: job.error?.message ?? null }),
      });
    },
  };
}
