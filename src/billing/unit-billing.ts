/**
 * Billing of calls priced by the unit (images, video seconds, characters spoken, audio seconds,
 * rerank searches, Midjourney actions) and of media calls whose worst case is known as a usage
 * (gpt-image's tokens): the relay's holdUnits / settleUnits (relay-ports.ts).
 *
 * - The hold is `worst` (a Usage bounding every count) priced at the caller's sale price
 *   (cost.ts worstCaseUnitsCost). A unit the model has no price for is refused with a 400
 *   (unsupported_unit), never billed as free; an unknown model price is a 403 as for chat.
 * - A durable hold belongs to a job record: the orphan sweep leaves it (job-holder.ts), and the
 *   job settles or releases it from any replica, by request id.
 * - Settling is by request id alone, from the prices in force: exactly once (the ledger's
 *   reservation row is deleted by the first settle or release), so a job finished twice, or on
 *   two replicas, is charged once. No usage = released, nothing charged.
 */
import type { Logger } from 'pino';
import { emptyUsage } from '../ir/index.js';
import type { BillingCaller, RelayBilling, UnitsPricing } from '../relay/relay-ports.js';
import type { Settlement } from '../relay/settlement.js';
import { modelPriceUnknownError, unsupportedUnitError } from './billing-errors.js';
import { costOf, worstCaseUnitsCost } from './cost.js';
import { costParts } from './cost-parts.js';
import type { Ledger } from './ledger.js';
import { usageReason } from './ledger-reason.js';
import type { PriceBook } from './price-book.js';
import type { SalePrice } from './price-types.js';
import { settleWithRetries } from './settle-retries.js';
import { unpricedUnits } from './unit-prices.js';

export interface UnitBillingOptions {
  ledger: Ledger;
  priceBook: PriceBook;
  logger?: Pick<Logger, 'warn' | 'error'>;
}

export function createUnitBilling(options: UnitBillingOptions): Pick<RelayBilling, 'holdUnits' | 'settleUnits'> {
  const { ledger, priceBook } = options;
  const priceFor = (pricing: UnitsPricing, caller: BillingCaller): SalePrice =>
    priceBook.salePrices(pricing.vendor, pricing.upstreamModel, caller.group);

  return {
    async holdUnits(input) {
      const { caller } = input;
      const price = priceFor(input, caller);
      if (!caller.metered) return { held: 0, price };
      if (!price.known) throw modelPriceUnknownError(input.model);
      const [unpriced] = unpricedUnits(price, input.worst.units);
      if (unpriced !== undefined) throw unsupportedUnitError(input.model, unpriced, input.unitParam);
      const held = worstCaseUnitsCost(input.worst, price);
      await ledger.reserve({
        requestId: input.requestId,
        userId: caller.userId,
        keyId: caller.keyId,
        amount: held,
        // Subscriptions covering the model draw first (money windows: these calls count no tokens).
        model: input.model,
        ...(input.durable ? { durable: true } : {}),
      });
      return { held, price };
    },

    async settleUnits(input): Promise<Settlement> {
      const { caller, usage } = input;
      const estimated = input.estimated ?? false;
      const price = priceFor(input, caller);
      if (!caller.metered) {
        if (!usage || !price.known) return { cost: 0, usage: usage ?? emptyUsage(), estimated };
        const cost = costOf(usage, price);
        return { cost: cost.units, usage, estimated, parts: costParts(cost.breakdown) };
      }
      if (!usage) {
        await settleWithRetries(() => ledger.release(input.requestId), input.requestId, options.logger);
        return { cost: 0, usage: emptyUsage(), estimated: false };
      }
      // The hold checked the price was known; an operator may have removed it since: charge nothing
      // rather than guess, and say so.
      if (!price.known) {
        options.logger?.warn({ requestId: input.requestId }, 'price unknown at settlement: released without charge');
        await settleWithRetries(() => ledger.release(input.requestId), input.requestId, options.logger);
        return { cost: 0, usage, estimated };
      }
      const priceBookCost = costOf(usage, price);
      const cost = priceBookCost.units;
      const parts = costParts(priceBookCost.breakdown);
      const result = await settleWithRetries(
        () =>
          ledger.settle({
            requestId: input.requestId,
            cost,
            reason: usageReason(input, usage),
            estimated,
          }),
        input.requestId,
        options.logger,
      );
      if (result?.status === 'already-settled') return { cost: 0, usage, estimated };
      if (result?.plan) return { cost: result.charged, usage, estimated, planDrawn: result.plan.drawn, parts };
      return { cost: result?.charged ?? cost, usage, estimated, parts };
    },
  };
}
