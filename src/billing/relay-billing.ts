/**
 * Billing as the relay sees it (its RelayBilling port): price the request for the caller, hold
 * its worst case before the upstream call, and settle to what was delivered afterwards.
 *
 * Policies (DESIGN.md §1 lists the complaints they answer):
 * - Unknown price: a metered caller gets 403 `model_price_unknown` unless the operator fixed a
 *   price; it is never billed as free. Unmetered callers (the bootstrap admin key) hold nothing;
 *   their cost is computed for the log when the price is known, and not charged.
 * - No max_tokens and the full worst case does not fit: output is capped to what the caller can
 *   afford (at least MIN_OUTPUT_TOKENS), rather than refusing a request that would fit.
 * - Nothing delivered (failed before any output, or an upstream error): released, costs nothing.
 *   Retries on other channels share one hold and one settlement, so they are never charged twice.
 * - Delivered: charged from the vendor's usage. A stream that broke before its usage report, or
 *   a vendor that reports none, is charged for the delivered output counted with the tokenizer
 *   (and the estimated prompt), marked `estimated`. A broken stream whose partial usage report
 *   counts less output than was delivered is charged for what was delivered.
 * - The price is that of the first route candidate (the relay settles without naming the channel
 *   that served; failover goes to channels of the same model, normally at the same list price).
 */
import type { Logger } from 'pino';
import { type ChatRequest, emptyUsage, isGatewayError, type Usage } from '../ir/index.js';
import type { DeliveryMeter } from '../relay/delivery-meter.js';
import type { BillingHold, RelayBilling, RelayCaller, Settlement } from '../relay/relay-ports.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { modelPriceUnknownError } from './billing-errors.js';
import { affordableOutputTokens, costOf, worstCaseCost } from './cost.js';
import type { Ledger } from './ledger.js';
import type { PriceBook } from './price-book.js';
import type { SalePrice } from './price-types.js';
import { countTokens, estimatePromptTokens, quickPromptEstimate } from './token-estimate.js';

/** Output assumed when neither the request nor the catalog gives a limit. */
export const DEFAULT_MAX_OUTPUT_TOKENS = 4_096;
/** Below this, capping max_tokens to the balance would give a useless answer: refuse instead. */
export const MIN_OUTPUT_TOKENS = 16;
/** Retries of a settlement the database refused (transient outage), spaced 1, 2, 4, 8, 16 s. */
const SETTLE_RETRIES = 5;

export interface RelayBillingOptions {
  ledger: Ledger;
  priceBook: PriceBook;
  logger?: Pick<Logger, 'warn' | 'error'>;
  defaultMaxOutputTokens?: number;
}

interface Priced {
  requestId: string;
  caller: RelayCaller;
  price: SalePrice;
  label: string;
}

export function createRelayBilling(options: RelayBillingOptions): RelayBilling {
  const { ledger, priceBook } = options;
  const defaultMax = options.defaultMaxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;

  return {
    async chargeFixed({ requestId, caller, amount, reason }) {
      const usage = emptyUsage();
      if (!caller.metered || amount <= 0) return { cost: 0, usage, estimated: false };
      await ledger.reserve({ requestId, userId: caller.userId, keyId: caller.keyId, amount });
      await ledger.settle({ requestId, cost: amount, reason, estimated: false });
      return { cost: amount, usage, estimated: false };
    },
    async hold({ requestId, caller, request, route }) {
      const vendor = route.channel.vendor;
      const modelId = route.upstreamModel;
      const price = priceBook.salePrices(vendor, modelId, caller.group);
      const label = `${request.model} via ${vendor}${modelId !== request.model ? ` (${modelId})` : ''}`;
      if (!caller.metered) {
        return unmeteredHold(request, { requestId, caller, price, label });
      }
      if (!price.known) throw modelPriceUnknownError(request.model);

      const promptTokens = quickPromptEstimate(request);
      const choices = Math.max(1, request.n ?? 1);
      const maxOutput = request.maxOutputTokens ?? catalogMaxOutput(priceBook, route) ?? defaultMax;
      /** Holds the largest affordable output instead; undefined when that is not worth it. */
      const capToHeadroom = async (error: unknown): Promise<number | undefined> => {
        if (!isGatewayError(error) || (error.code !== 'insufficient_balance' && error.code !== 'key_quota_exceeded')) {
          return undefined;
        }
        const headroom = await ledger.headroom(caller.userId, caller.keyId);
        const affordable = affordableOutputTokens(headroom, promptTokens, price, choices);
        if (affordable === undefined || affordable < MIN_OUTPUT_TOKENS) return undefined;
        const capped = Math.min(affordable, maxOutput);
        try {
          await ledger.reserve({
            requestId,
            userId: caller.userId,
            keyId: caller.keyId,
            amount: worstCaseCost(promptTokens, capped * choices, price),
          });
          return capped;
        } catch {
          return undefined; // someone else took the headroom meanwhile: the first refusal stands
        }
      };
      let sent = request;
      try {
        await ledger.reserve({
          requestId,
          userId: caller.userId,
          keyId: caller.keyId,
          amount: worstCaseCost(promptTokens, maxOutput * choices, price),
        });
      } catch (error) {
        const capped = request.maxOutputTokens === undefined ? await capToHeadroom(error) : undefined;
        if (capped === undefined) throw error;
        sent = { ...request, maxOutputTokens: capped };
      }
      return meteredHold(sent, { requestId, caller, price, label });
    },
  };

  function meteredHold(request: ChatRequest, priced: Priced): BillingHold {
    let settled: Promise<Settlement> | undefined;
    return {
      request,
      settle(meter) {
        settled ??= settleMetered(meter, request, priced);
        return settled;
      },
    };
  }

  function unmeteredHold(request: ChatRequest, priced: Priced): BillingHold {
    let settled: Promise<Settlement> | undefined;
    return {
      request,
      settle(meter) {
        settled ??= (async () => {
          if (!meter?.delivered) return { cost: 0, usage: meter?.usage ?? emptyUsage(), estimated: false };
          const billed = billedUsage(meter, () => estimatePromptTokens(request));
          const cost = priced.price.known ? costOf(billed.usage, priced.price).units : 0;
          return { cost, ...billed };
        })();
        return settled;
      },
    };
  }

  async function settleMetered(
    meter: DeliveryMeter | undefined,
    request: ChatRequest,
    priced: Priced,
  ): Promise<Settlement> {
    if (!meter?.delivered) {
      await withRetries(() => ledger.release(priced.requestId), priced.requestId);
      return { cost: 0, usage: meter?.usage ?? emptyUsage(), estimated: false };
    }
    const billed = billedUsage(meter, () => estimatePromptTokens(request));
    const cost = costOf(billed.usage, priced.price).units;
    const result = await withRetries(
      () =>
        ledger.settle({
          requestId: priced.requestId,
          cost,
          reason: `${priced.label}: ${describeUsage(billed.usage)}`,
          estimated: billed.estimated,
        }),
      priced.requestId,
    );
    // Swept as an orphan meanwhile (this instance was unreachable for a minute): nothing charged.
    return { cost: result?.status === 'already-settled' ? 0 : cost, ...billed };
  }

  /**
   * The first attempt is awaited; if the database refuses it, retries continue in the background
   * (the hold is still this instance's, so the sweep leaves it alone) and undefined is returned.
   */
  async function withRetries<T>(task: () => Promise<T>, requestId: string): Promise<T | undefined> {
    try {
      return await task();
    } catch (error) {
      options.logger?.error({ err: error, requestId }, 'settlement failed; retrying in the background');
      void (async () => {
        for (let attempt = 0; attempt < SETTLE_RETRIES; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 1_000 * 2 ** attempt).unref());
          try {
            await task();
            return;
          } catch (retryError) {
            options.logger?.error({ err: retryError, requestId, attempt: attempt + 1 }, 'settlement retry failed');
          }
        }
      })();
      return undefined;
    }
  }
}

function catalogMaxOutput(priceBook: PriceBook, route: RouteCandidate): number | undefined {
  return priceBook.resolveModel(route.channel.vendor, route.upstreamModel)?.maxOutputTokens;
}

// Plain booleans, not type guards: "reports no output" must not narrow the usage to undefined.
function reportsOutput(usage: Usage | undefined): boolean {
  return usage !== undefined && (usage.outputTokens.total !== undefined || usage.outputTokens.text !== undefined);
}

function reportsInput(usage: Usage | undefined): boolean {
  return usage !== undefined && (usage.inputTokens.total !== undefined || usage.inputTokens.noCache !== undefined);
}

function reportedOutput(usage: Usage): number {
  const out = usage.outputTokens;
  return out.total ?? (out.text ?? 0) + (out.reasoning ?? 0);
}

/** Tokens in what the meter kept, plus what it only measured by length, at the same ratio. */
function deliveredTokens(meter: DeliveryMeter): number {
  const { kept, extraChars } = meter.text;
  const counted = countTokens(kept);
  if (extraChars === 0) return counted;
  const ratio = kept.length > 0 ? counted / kept.length : 1 / 4;
  return counted + Math.ceil(extraChars * ratio);
}

/**
 * The usage to bill from what the meter saw (see the policies at the top of this file).
 * `promptEstimate` is called only when the vendor reported no prompt usage (it runs the tokenizer).
 */
export function billedUsage(
  meter: DeliveryMeter,
  promptEstimate: number | (() => number),
): { usage: Usage; estimated: boolean } {
  const vendor = meter.usage;
  const finished = meter.finishReason !== undefined;
  if (vendor && reportsOutput(vendor)) {
    if (finished) return { usage: vendor, estimated: false };
    const delivered = deliveredTokens(meter);
    if (reportedOutput(vendor) >= delivered) return { usage: vendor, estimated: false };
    return { usage: { inputTokens: vendor.inputTokens, outputTokens: { total: delivered } }, estimated: true };
  }
  const inputTokens =
    vendor && reportsInput(vendor)
      ? vendor.inputTokens
      : { total: typeof promptEstimate === 'function' ? promptEstimate() : promptEstimate };
  return { usage: { inputTokens, outputTokens: { total: deliveredTokens(meter) } }, estimated: true };
}

function describeUsage(usage: Usage): string {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const inTotal = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
  const parts = [`${inTotal} in`];
  if (input.cacheRead) parts.push(`${input.cacheRead} cached`);
  if (input.cacheWrite) parts.push(`${input.cacheWrite} cache-write`);
  parts.push(`${output.total ?? (output.text ?? 0) + (output.reasoning ?? 0)} out`);
  if (output.reasoning) parts.push(`${output.reasoning} reasoning`);
  return parts.join(', ');
}
