import type { Ledger } from '../../billing/ledger.js';
import type { PriceBook } from '../../billing/price-book.js';
import type { JobSettlement } from '../../jobs/job-settlement.js';
import type { MediaJob } from '../../jobs/job-types.js';
import { MJ_BILLED_ACTIONS, type MjBilledAction } from '../../providers/midjourney/mj-action.js';
import type { RelayCaller } from '../relay-ports.js';
import type { MjBilling } from './mj-ports.js';
import { MJ_DEFAULT_PRICES } from './mj-prices.js';

const PPM = 1_000_000n;

/**
 * Midjourney's billing over the ledger: each action's price for the caller's group (a fixed
 * per-request price the operator set for `midjourney`, else the default list price × the
 * operator's multipliers), held at submission and charged once when the task succeeds. The
 * price is fixed at submission: the job's request keeps what was held (`heldAmount`) and whether
 * its owner is metered, so any replica settles it from the row alone.
 */
export class MjLedgerBilling implements MjBilling, JobSettlement {
  constructor(
    private readonly ledger: Pick<Ledger, 'reserve' | 'settle' | 'release'>,
    private readonly prices: Pick<PriceBook, 'salePrices'>,
  ) {}

  /** Units per action for this caller's group. */
  priceOf(action: MjBilledAction, vendor: string, group: string): number {
    const sale = this.prices.salePrices(vendor, 'midjourney', group);
    if (sale.source === 'fixed' && sale.perRequest !== undefined) return sale.perRequest;
    return Number((BigInt(MJ_DEFAULT_PRICES[action]) * BigInt(sale.multiplierPpm) + PPM / 2n) / PPM);
  }

  async hold(input: {
    requestId: string;
    caller: RelayCaller;
    route: { channel: { vendor: string } };
    units: Record<string, number>;
  }): Promise<number> {
    if (!input.caller.metered) return 0;
    let amount = 0;
    for (const [unit, count] of Object.entries(input.units)) {
      amount += this.priceOf(actionOfUnit(unit), input.route.channel.vendor, input.caller.group) * count;
    }
    await this.ledger.reserve({
      requestId: input.requestId,
      userId: input.caller.userId,
      keyId: input.caller.keyId,
      amount,
    });
    return amount;
  }

  async release(input: { requestId: string; caller: RelayCaller }) {
    if (!input.caller.metered) return;
    await this.ledger.release(input.requestId);
  }

  /** JobSettlement: the held price when the task produced its unit, nothing otherwise (idempotent by request id). */
  async settle(job: MediaJob, units: Record<string, number> | undefined): Promise<number> {
    const request = job.request as { heldAmount?: number; metered?: boolean } | null;
    if (request?.metered === false) return 0;
    const billed = units && Object.values(units).some((count) => count > 0);
    if (!billed) {
      await this.ledger.release(job.requestId);
      return 0;
    }
    const held = request?.heldAmount ?? 0;
    const result = await this.ledger.settle({
      requestId: job.requestId,
      cost: held,
      reason: `midjourney via ${job.vendor}: ${Object.entries(units)
        .map(([unit, count]) => `${count} × ${unit}`)
        .join(', ')}`,
    });
    return result.status === 'settled' ? result.charged : 0;
  }
}

function actionOfUnit(unit: string): MjBilledAction {
  const action = unit.replace(/^mj:/, '');
  const known = MJ_BILLED_ACTIONS.find((name) => name === action);
  if (!known) throw new Error(`not a Midjourney unit: ${unit}`);
  return known;
}
