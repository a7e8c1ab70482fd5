/**
 * Billing as the relay sees it (its RelayBilling port): price the request for the caller, hold
 * the most the vendor can bill for it before the upstream call, and settle to what was delivered.
 *
 * Policies (DESIGN.md §1 lists the complaints they answer, §6 the hold rule):
 * - Unknown price: a metered caller gets 403 `model_price_unknown` unless the operator fixed a
 *   price; it is never billed as free. Unmetered callers (the bootstrap admin key) hold nothing;
 *   their cost is computed for the log when the price is known, and not charged.
 * - The hold is an upper bound of the charge: the prompt's bound (prompt-bound.ts: UTF-8 bytes,
 *   framing, media ceilings, capped by the input window) at the dearest input rate, plus the
 *   output limit the request is SENT with (output-bound.ts) at the dearest output rate, plus, with
 *   a web search server tool, the searches the vendor may run (web-search-bound.ts: Anthropic's
 *   `max_uses`, else the `webSearchHoldCalls` setting) at the model's per-search price.
 * - Only when that bound is refused, and the model's tokenizer is o200k, is the prompt's text
 *   counted exactly (prompt-refine.ts) and the hold tried again with the count.
 * - No max_tokens: the request is sent with the model's limit capped by the operator's
 *   `defaultMaxOutputTokens`, and holds for it; when that does not fit, it is capped to the
 *   largest output whose hold fits in half of what is free (hold-size.ts), at least
 *   MIN_OUTPUT_TOKENS, rather than refused, and never taking all that is left. When a
 *   subscription's window refused it, "what is free" is that window's room (money or tokens).
 * - Nothing delivered (failed before any output, or an upstream error): released, costs nothing.
 *   Retries on other channels share one hold and one settlement, so they are never charged twice.
 * - Delivered: charged from the vendor's usage. A stream that broke before its usage report, or
 *   a vendor that reports none, is charged for the delivered output counted with the tokenizer
 *   (and the estimated prompt), marked `estimated`. A broken stream whose partial usage report
 *   counts less output than was delivered is charged for what was delivered.
 * - A cost above the hold (an odd vendor) is an overrun: charged only as far as the free headroom
 *   and the key's quota allow (money-path.ts), recorded, and logged as a warning for operators.
 * - Subscriptions: the hold names the model (as the client asked for it) and its worst-case tokens
 *   (prompt bound + output limit); the ledger lets a covering subscription take it (plans/), and
 *   settling passes the billed tokens (input + output) for token windows.
 * - The price and the bound are those of the first route candidate (the relay settles without
 *   naming the channel that served; failover goes to channels of the same model, normally at the
 *   same list price).
 */
import type { Logger } from 'pino';
import { type ChatRequest, emptyUsage, isGatewayError, type Usage } from '../ir/index.js';
import type { DeliveryMeter } from '../relay/delivery-meter.js';
import type { BillingHold, RelayBilling, RelayCaller, Settlement } from '../relay/relay-ports.js';
import { modelPriceUnknownError } from './billing-errors.js';
import { RouteCosts } from './channel-cost.js';
import { costOf } from './cost.js';
import { costParts } from './cost-parts.js';
import { cappedOutputLimit, cappedPlanOutputLimit, type HoldShape, holdAmount } from './hold-size.js';
import type { Ledger } from './ledger.js';
import { usageReason } from './ledger-reason.js';
import { mediaCeilings } from './media-bounds.js';
import { defaultOutputLimit } from './output-bound.js';
import type { PriceBook } from './price-book.js';
import type { SalePrice } from './price-types.js';
import { promptParts, promptTokenBound } from './prompt-bound.js';
import { refinedPromptTokens, usesO200k } from './prompt-refine.js';
import { settleWithRetries } from './settle-retries.js';
import { countTokens, estimatePromptTokens } from './token-estimate.js';
import { createUnitBilling } from './unit-billing.js';
import { DEFAULT_WEB_SEARCH_HOLD_CALLS, webSearchCallBound } from './web-search-bound.js';

export { MIN_OUTPUT_TOKENS } from './hold-size.js';

export interface RelayBillingOptions {
  ledger: Ledger;
  priceBook: PriceBook;
  /** Live settings (SettingsService fits): read on every hold. */
  settings: { readonly value: { defaultMaxOutputTokens: number; webSearchHoldCalls?: number } };
  logger?: Pick<Logger, 'warn' | 'error'>;
}

interface Priced {
  requestId: string;
  caller: RelayCaller;
  price: SalePrice;
  /** The model asked for, and the vendor and its id for it: what the ledger entry names. */
  route: { model: string; vendor: string; upstreamModel: string };
  /** Units held (0 for unmetered callers). */
  held: number;
  /** The prompt tokens the hold allowed for: an estimate of the prompt never goes above it. */
  promptBound: number;
}

/**
 * The refusals a smaller hold can answer: the money, the key's quota or a subscription's window,
 * not a disabled account.
 */
function isMoneyRefusal(error: unknown): boolean {
  return (
    isGatewayError(error) &&
    (error.code === 'insufficient_balance' ||
      error.code === 'key_quota_exceeded' ||
      error.code === PLAN_WINDOW_EXHAUSTED)
  );
}

const PLAN_WINDOW_EXHAUSTED = 'plan_window_exhausted';

export function createRelayBilling(options: RelayBillingOptions): RelayBilling {
  const { ledger, priceBook } = options;
  const routeCosts = new RouteCosts(priceBook);

  return {
    ...createUnitBilling(options),
    async chargeFixed({ requestId, caller, amount, reason }) {
      const usage = emptyUsage();
      if (!caller.metered || amount <= 0) return { cost: 0, usage, estimated: false };
      await ledger.reserve({ requestId, userId: caller.userId, keyId: caller.keyId, amount });
      await ledger.settle({ requestId, cost: amount, reason, estimated: false });
      return { cost: amount, usage, estimated: false, parts: { prompt: 0, completion: 0, other: amount } };
    },
    tokenPrice(caller, route) {
      const price = priceBook.salePrices(route.channel.vendor, route.upstreamModel, caller.group);
      if (!price.known) return undefined;
      return { prompt: price.input ?? 0, completion: price.output ?? 0 };
    },
    routeCost: (route) => routeCosts.tokenCost(route),
    upstreamCost: (route, usage) => routeCosts.upstreamCost(route, usage),
    async hold({ requestId, caller, request, route }) {
      const vendor = route.channel.vendor;
      const modelId = route.upstreamModel;
      const price = priceBook.salePrices(vendor, modelId, caller.group);
      const billedRoute = { model: request.model, vendor, upstreamModel: modelId };
      if (!caller.metered) {
        return unmeteredHold(request, {
          requestId,
          caller,
          price,
          route: billedRoute,
          held: 0,
          promptBound: Infinity,
        });
      }
      if (!price.known) throw modelPriceUnknownError(request.model);

      const model = priceBook.resolveModel(vendor, modelId);
      const parts = promptParts(request, mediaCeilings(modelId));
      const shape: HoldShape = {
        request,
        price,
        wireFormat: route.channel.provider,
        promptTokens: promptTokenBound(parts, { contextWindow: model?.contextWindow }),
        webSearchCalls: webSearchCallBound(
          request,
          options.settings.value.webSearchHoldCalls ?? DEFAULT_WEB_SEARCH_HOLD_CALLS,
        ),
      };
      const clientLimit = request.maxOutputTokens;
      const outputLimit =
        clientLimit ?? defaultOutputLimit(model?.maxOutputTokens, options.settings.value.defaultMaxOutputTokens);
      // What a subscription's token windows hold: the prompt's bound plus the output limit sent.
      let heldTokens = shape.promptTokens + outputLimit;
      /** Holds `amount`; answers the refusal when the money or the quota refused it (others are thrown). */
      const tryHold = async (amount: number): Promise<{ refusal: unknown } | undefined> => {
        try {
          await ledger.reserve({
            requestId,
            userId: caller.userId,
            keyId: caller.keyId,
            amount,
            model: request.model,
            tokens: heldTokens,
          });
          return undefined;
        } catch (error) {
          if (isMoneyRefusal(error)) return { refusal: error };
          throw error;
        }
      };
      const granted = (limit: number, amount: number): BillingHold =>
        meteredHold(limit === clientLimit ? request : { ...request, maxOutputTokens: limit }, {
          requestId,
          caller,
          price,
          route: billedRoute,
          held: amount,
          promptBound: shape.promptTokens,
        });

      const fullAmount = holdAmount(shape, outputLimit);
      // The first refusal is the one the caller sees: it names the amount the bound needed.
      const first = await tryHold(fullAmount);
      if (!first) return granted(outputLimit, fullAmount);
      // Refused: an exact count can decide it, where the tokenizer is the vendor's own.
      if (usesO200k(modelId)) {
        const exact = await refinedPromptTokens(parts, model?.contextWindow);
        if (exact < shape.promptTokens) {
          shape.promptTokens = exact;
          heldTokens = exact + outputLimit;
          const exactAmount = holdAmount(shape, outputLimit);
          if (!(await tryHold(exactAmount))) return granted(outputLimit, exactAmount);
        }
      }
      if (clientLimit !== undefined) throw first.refusal;
      // A subscription's window refused: cap to its room; else to the balance's and the key's.
      const planRoom =
        isGatewayError(first.refusal) && first.refusal.code === PLAN_WINDOW_EXHAUSTED
          ? await ledger.planHeadroom(caller.userId, request.model, true)
          : undefined;
      const capped = planRoom
        ? cappedPlanOutputLimit(shape, planRoom, outputLimit)
        : cappedOutputLimit(shape, await ledger.headroom(caller.userId, caller.keyId), outputLimit);
      if (capped === undefined) throw first.refusal;
      const cappedAmount = holdAmount(shape, capped);
      heldTokens = shape.promptTokens + capped;
      // Someone else may take the headroom meanwhile: then the first refusal stands.
      if (!(await tryHold(cappedAmount))) return granted(capped, cappedAmount);
      throw first.refusal;
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
          if (!priced.price.known) return { cost: 0, ...billed };
          const cost = costOf(billed.usage, priced.price);
          return { cost: cost.units, ...billed, parts: costParts(cost.breakdown) };
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
      await settleWithRetries(() => ledger.release(priced.requestId), priced.requestId, options.logger);
      return { cost: 0, usage: meter?.usage ?? emptyUsage(), estimated: false };
    }
    // A vendor cannot bill more prompt than the bound the hold allowed for: neither can our estimate.
    const billed = billedUsage(meter, () => Math.min(estimatePromptTokens(request), priced.promptBound));
    const priceBookCost = costOf(billed.usage, priced.price);
    const cost = priceBookCost.units;
    const parts = costParts(priceBookCost.breakdown);
    const result = await settleWithRetries(
      () =>
        ledger.settle({
          requestId: priced.requestId,
          cost,
          reason: usageReason(priced.route, billed.usage),
          estimated: billed.estimated,
          tokens: billedTokens(billed.usage),
        }),
      priced.requestId,
      options.logger,
    );
    // Swept as an orphan meanwhile (this instance was unreachable for a minute): nothing charged.
    if (result?.status === 'already-settled') return { cost: 0, ...billed };
    if (result?.plan) return { cost: result.charged, ...billed, planDrawn: result.plan.drawn, parts };
    // Not settled yet (retrying in the background): the cost is what will be charged, capped or not.
    const charged = result?.charged ?? cost;
    if (cost > priced.held) {
      options.logger?.warn(
        { requestId: priced.requestId, userId: priced.caller.userId, held: priced.held, cost, charged },
        'a vendor billed beyond the hold (overrun): the excess was charged only as far as the free balance and key quota allow',
      );
    }
    return { cost: charged, ...billed, parts };
  }
}

/** Input + output tokens of a usage, as subscriptions' token windows count them. */
export function billedTokens(usage: Usage): number {
  const input = usage.inputTokens;
  const inputTotal = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
  const output = usage.outputTokens;
  const outputTotal = output.total ?? (output.text ?? 0) + (output.reasoning ?? 0);
  return inputTotal + outputTotal;
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
  // Searches the vendor reported ran, and are billed, whatever became of the tokens' count.
  const searches = vendor?.serverToolCalls ? { serverToolCalls: vendor.serverToolCalls } : {};
  if (vendor && reportsOutput(vendor)) {
    if (finished) return { usage: vendor, estimated: false };
    const delivered = deliveredTokens(meter);
    if (reportedOutput(vendor) >= delivered) return { usage: vendor, estimated: false };
    return {
      usage: { inputTokens: vendor.inputTokens, outputTokens: { total: delivered }, ...searches },
      estimated: true,
    };
  }
  const inputTokens =
    vendor && reportsInput(vendor)
      ? vendor.inputTokens
      : { total: typeof promptEstimate === 'function' ? promptEstimate() : promptEstimate };
  return { usage: { inputTokens, outputTokens: { total: deliveredTokens(meter) }, ...searches }, estimated: true };
}
