import type { RelayBilling, RelayLog } from '../relay/relay-ports.js';
import type { JobHolds } from './job-holds.js';
import type { JobLogUpdates } from './job-settlement.js';
import type { JobRequestBase, MediaJob } from './job-types.js';

/**
 * The caller's billing from a job's request. Midjourney rows written before the kinds shared this
 * layout keep `group`/`metered` at the top: read them too, so a task in flight across an upgrade
 * is still settled (a throw here would leave its durable hold open for good).
 */
function callerOf(request: unknown): JobRequestBase['caller'] {
  const stored = (request ?? {}) as Partial<JobRequestBase> & { group?: unknown; metered?: unknown };
  if (stored.caller) return stored.caller;
  return {
    group: typeof stored.group === 'string' ? stored.group : 'default',
    metered: typeof stored.metered === 'boolean' ? stored.metered : true,
  };
}

/** A job's billing identity, from its row: any replica can settle it long after the caller left. */
function pricingOf(job: MediaJob) {
  const caller = callerOf(job.request);
  return {
    requestId: job.requestId,
    caller: { userId: job.userId, keyId: job.keyId, group: caller.group, metered: caller.metered },
    model: job.model,
    vendor: job.vendor,
    upstreamModel: job.upstreamModel,
  };
}

/** Jobs' holds over the relay's unit billing: durable holds, settled by request id exactly once. */
export function relayJobHolds(billing: Pick<RelayBilling, 'holdUnits' | 'settleUnits'>): JobHolds {
  return {
    async hold({ worst, unitParam, ...pricing }) {
      await billing.holdUnits({
        ...pricing,
        worst: { inputTokens: {}, outputTokens: {}, units: worst },
        durable: true,
        ...(unitParam ? { unitParam } : {}),
      });
    },
    async release(pricing) {
      await billing.settleUnits({ ...pricing, usage: undefined });
    },
    async settle(job, units) {
      const billed = units && Object.values(units).some((count) => count > 0);
      const usage = billed ? { inputTokens: {}, outputTokens: {}, units } : undefined;
      const settlement = await billing.settleUnits({ ...pricingOf(job), usage });
      return settlement.cost;
    },
  };
}

/**
 * A job's request-log row (written at submission) kept up as it goes: a finished job's cost,
 * units and, for a failure, its error; the latency becomes the job's whole run.
 */
export function relayJobLog(log: Pick<RelayLog, 'update'>): JobLogUpdates {
  return {
    async progressed() {
      // The row says "accepted" (200) until the job ends; progress lives on the job itself.
    },
    async finished(job, now) {
      await log.update(job.requestId, {
        latencyMs: Math.max(0, now - job.createdAt),
        cost: job.cost,
        ...(job.units ? { units: job.units } : {}),
        ...(job.error
          ? { errorCode: job.error.code, errorMessage: job.error.message }
          : job.status === 'cancelled'
            ? { errorCode: 'cancelled', errorMessage: 'Deleted before it started; nothing was charged.' }
            : {}),
        finishReason: job.status,
      });
    },
  };
}
