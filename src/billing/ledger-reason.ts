import type { Usage } from '../ir/index.js';
import { formatUsd } from './money.js';

/**
 * Why money moved, as a code and its parameters rather than a sentence: the console renders each
 * code in the reader's language (web/src/features/billing/ledger-reason.ts), and the English of
 * `describeLedgerReason` is what the `reason` column keeps for the command line, exports and
 * clients that predate the codes (migration 0026). Amounts are units; a `paid` amount is the
 * payment's minor units (cents, fen) in its `currency`.
 */
export type LedgerReason =
  /** A relayed request, by what it used. `uncollected`: units above the hold not charged (an overrun capped). */
  | { code: 'usage'; params: UsageReasonParams }
  | { code: 'cached_answer'; params: { model: string } }
  | { code: 'trial'; params: Record<string, never> }
  | { code: 'redeem'; params: { code: string; amount: number } }
  /** An administrator's correction: their note, as they wrote it, and who made it. */
  | { code: 'admin_adjust'; params: { note: string; by: string } }
  /** A paid order credited; `method` null when an operator marked it paid. `bonus`: units of the credit that were bonus. */
  | { code: 'topup'; params: { orderId: string; paid: number; currency: string; method: string | null; bonus: number } }
  | { code: 'topup_refund'; params: { orderId: string; returned: number; paid: number; currency: string } }
  | { code: 'plan_bought'; params: { plan: string; price: number } }
  | { code: 'plan_renewed'; params: { plan: string; period: number; price: number } }
  | { code: 'plan_ordered'; params: { orderId: string; price: number } }
  | { code: 'plan_taken_back'; params: { orderId: string; price: number } }
  /** The balance an administrator gave an account they created. */
  | { code: 'initial_balance'; params: { by: string } }
  /** An inviter's reward for an invitee's first payment. */
  | { code: 'invite_reward'; params: { amount: number } };

export type LedgerReasonCode = LedgerReason['code'];

/** Every code, for the API's description and the console's translations (checked both ways below). */
export const LEDGER_REASON_CODES = [
  'usage',
  'cached_answer',
  'trial',
  'redeem',
  'admin_adjust',
  'topup',
  'topup_refund',
  'plan_bought',
  'plan_renewed',
  'plan_ordered',
  'plan_taken_back',
  'initial_balance',
  'invite_reward',
] as const satisfies readonly LedgerReasonCode[];
// A code added to LedgerReason but not listed above fails to compile here.
const _everyCodeListed: Exclude<LedgerReasonCode, (typeof LEDGER_REASON_CODES)[number]> extends never ? true : never =
  true;

export interface UsageReasonParams {
  /** The model the caller asked for. */
  model: string;
  vendor: string;
  /** The vendor's id for it, when the channel renames the model. */
  upstreamModel?: string;
  usage: UsageCounts;
  /** The vendor reported no usage: AIHub counted the tokens. */
  estimated?: boolean;
  uncollected?: number;
}

/** The counts a usage line shows: tokens by kind, web searches, and other billed units by name. */
export interface UsageCounts {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  reasoning?: number;
  imageInput?: number;
  imageOutput?: number;
  audioInput?: number;
  audioOutput?: number;
  webSearches?: number;
  units?: Record<string, number>;
}

/** The counts of a settled usage, with zero counts left out. */
export function usageCounts(usage: Usage): UsageCounts {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const counts: UsageCounts = {
    input: input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0),
    output: output.total ?? (output.text ?? 0) + (output.reasoning ?? 0),
  };
  if (input.cacheRead) counts.cacheRead = input.cacheRead;
  if (input.cacheWrite) counts.cacheWrite = input.cacheWrite;
  if (input.cacheWrite1h) counts.cacheWrite1h = input.cacheWrite1h;
  if (output.reasoning) counts.reasoning = output.reasoning;
  if (input.image) counts.imageInput = input.image;
  if (output.image) counts.imageOutput = output.image;
  if (input.audio) counts.audioInput = input.audio;
  if (output.audio) counts.audioOutput = output.audio;
  const searches = usage.serverToolCalls?.webSearch;
  if (searches) counts.webSearches = searches;
  if (usage.units && Object.keys(usage.units).length > 0) counts.units = { ...usage.units };
  return counts;
}

/** A request's charge reason. */
export function usageReason(
  route: { model: string; vendor: string; upstreamModel: string },
  usage: Usage,
): LedgerReason {
  const params: UsageReasonParams = { model: route.model, vendor: route.vendor, usage: usageCounts(usage) };
  if (route.upstreamModel !== route.model) params.upstreamModel = route.upstreamModel;
  return { code: 'usage', params };
}

/** The reason of a charge whose tokens AIHub counted because the vendor reported none. */
export function asEstimated(reason: LedgerReason): LedgerReason {
  return reason.code === 'usage' ? { code: 'usage', params: { ...reason.params, estimated: true } } : reason;
}

/** The reason with what an overrun left uncollected, for the charge the money path caps. */
export function withUncollected(reason: LedgerReason, units: number): LedgerReason {
  if (reason.code !== 'usage' || units <= 0) return reason;
  return { code: 'usage', params: { ...reason.params, uncollected: units } };
}

/** The English sentence kept in the `reason` column. */
export function describeLedgerReason(reason: LedgerReason): string {
  switch (reason.code) {
    case 'usage': {
      const { model, vendor, upstreamModel, usage, estimated, uncollected } = reason.params;
      const renamed = upstreamModel ? ` (${upstreamModel})` : '';
      const line = `${model} via ${vendor}${renamed}: ${describeUsageCounts(usage)}`;
      const counted = estimated ? `${line} (usage counted by the gateway)` : line;
      return uncollected ? `${counted}${uncollectedNote(uncollected)}` : counted;
    }
    case 'cached_answer':
      return `Cached answer for ${reason.params.model}`;
    case 'trial':
      return 'Trial credit for new account';
    case 'redeem':
      return `Redeemed code ${reason.params.code}… (${formatUsd(reason.params.amount)})`;
    case 'admin_adjust':
      return `${reason.params.note} (by ${reason.params.by})`;
    case 'topup': {
      const { orderId, paid, currency, method, bonus } = reason.params;
      const line =
        method === null
          ? `Top-up ${orderId} (${formatMinor(paid, currency)}), marked paid by an operator`
          : `Top-up ${orderId} (${formatMinor(paid, currency)} via ${method})`;
      return bonus > 0 ? `${line}, ${bonus} units of it bonus` : line;
    }
    case 'topup_refund': {
      const { orderId, returned, paid, currency } = reason.params;
      return `Refund of top-up ${orderId} (${returned} of ${paid} minor units ${currency} returned)`;
    }
    case 'plan_bought':
      return `Plan '${reason.params.plan}', period 1 (${formatUsd(reason.params.price)})`;
    case 'plan_renewed':
      return `Plan '${reason.params.plan}', renewal for period ${reason.params.period} (${formatUsd(reason.params.price)})`;
    case 'plan_ordered':
      return `Plan bought by order ${reason.params.orderId} (${formatUsd(reason.params.price)}), period 1`;
    case 'initial_balance':
      return `Initial balance set by an administrator (by ${reason.params.by})`;
    case 'invite_reward':
      return `Invite reward: a user you invited made their first payment (${formatUsd(reason.params.amount)})`;
    case 'plan_taken_back':
      return `Plan taken back: order ${reason.params.orderId} was refunded in full (its price, ${formatUsd(reason.params.price)}, returns)`;
  }
}

/** What a capped charge's English reason adds (the same words as migration 0006). */
export function uncollectedNote(units: number): string {
  return ` (${units} units above the hold not charged)`;
}

/** The three columns a ledger row stores for its reason. */
export function reasonColumns(reason: LedgerReason): { reason: string; reason_code: string; reason_params: string } {
  return {
    reason: describeLedgerReason(reason),
    reason_code: reason.code,
    reason_params: JSON.stringify(reason.params),
  };
}

/** A stored row's reason parameters, or null for rows written before the codes (or unreadable). */
export function parseReasonParams(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** `1200 in, 800 cached, 300 out, 120 reasoning, 2 web searches, 1 × image:1024x1024:hd`. */
export function describeUsageCounts(counts: UsageCounts): string {
  const parts = [`${counts.input} in`];
  if (counts.cacheRead) parts.push(`${counts.cacheRead} cached`);
  if (counts.cacheWrite) parts.push(`${counts.cacheWrite} cache-write`);
  if (counts.cacheWrite1h) parts.push(`${counts.cacheWrite1h} of them 1h`);
  if (counts.imageInput) parts.push(`${counts.imageInput} of them image`);
  if (counts.audioInput) parts.push(`${counts.audioInput} of them audio`);
  parts.push(`${counts.output} out`);
  if (counts.reasoning) parts.push(`${counts.reasoning} reasoning`);
  if (counts.imageOutput) parts.push(`${counts.imageOutput} image out`);
  if (counts.audioOutput) parts.push(`${counts.audioOutput} audio out`);
  const searches = counts.webSearches;
  if (searches) parts.push(`${searches} web search${searches === 1 ? '' : 'es'}`);
  for (const [unit, count] of Object.entries(counts.units ?? {})) parts.push(`${count} × ${unit}`);
  return parts.join(', ');
}

function formatMinor(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}
