import type { GatewayError } from '../../ir/index.js';

/** An upstream answer that says an account is unusable until a human acts, and what it applies to. */
export interface AccountProblem {
  /** `key`: this key or the account behind it; `channel`: the channel whatever its key. */
  scope: 'key' | 'channel';
  /** Shown to administrators next to the disabled key or channel. */
  reason: string;
}

/**
 * What counts as a dead key or account (the providers' decoders already map most of it to kinds):
 * - no credit: kind `insufficient_quota` (OpenAI `insufficient_quota` 429 "You exceeded your
 *   current quota, please check your plan and billing details", Anthropic `billing_error`) or
 *   HTTP 402 (DeepSeek "Insufficient Balance", OpenRouter "Insufficient credits");
 * - the codes below: OpenAI `account_deactivated`, `access_terminated`, `billing_not_active`;
 *   Moonshot `exceeded_current_quota_error` ("Your account ... is suspended"); DashScope
 *   `Arrearage`; Zhipu `1113` (account in arrears); and the messages of DEAD_KEY_MESSAGE;
 * - invalid key: kind `authentication` (OpenAI `invalid_api_key` 401 "Incorrect API key
 *   provided", Anthropic `authentication_error` "invalid x-api-key", Gemini 400 `API_KEY_INVALID`).
 */
const DEAD_KEY_CODES = new Set([
  'account_deactivated',
  'access_terminated',
  'billing_not_active',
  'exceeded_current_quota_error',
  'arrearage',
  '1113',
]);

/**
 * Messages that say the same when the code does not: Anthropic answers an empty prepaid balance
 * with HTTP 400 `invalid_request_error` "Your credit balance is too low to access the Anthropic
 * API"; Gemini a leaked key with 403 "Your API key was reported as leaked"; OpenAI a suspended
 * organisation with "Your organization has been disabled"/"account ... deactivated".
 */
const DEAD_KEY_MESSAGE =
  /credit balance is too low|insufficient (?:account )?(?:balance|credits?|funds)|exceeded your current quota|billing (?:is )?not active|account is not active|(?:account|organi[sz]ation|key)\b.{0,60}\b(?:has been |was |is )(?:deactivated|suspended|disabled|terminated|revoked)|reported as leaked|api key expired|欠费|余额不足/i;

/** The vendor refuses the gateway's region: every key of the channel is refused the same way. */
const REGION_CODES = new Set(['unsupported_country_region_territory']);
const REGION_MESSAGE =
  /country, region, or territory not supported|user location is not supported|not available in your (?:country|region)/i;

/**
 * Recognises clear account errors (see the lists above). Only the upstream's own answers are
 * judged: connection failures and timeouts are never account problems. Rate limits are not
 * either, except the codes above that arrive as a 429 but do not pass (OpenAI
 * `insufficient_quota`, Moonshot `exceeded_current_quota_error`).
 */
export function accountProblem(error: GatewayError): AccountProblem | undefined {
  if (error.upstreamStatus === undefined && !error.upstreamType) return undefined;
  const codes = [error.code, error.upstreamType].filter((value): value is string => typeof value === 'string');
  const lowered = codes.map((code) => code.toLowerCase());
  const summary = describe(error);
  if (lowered.some((code) => REGION_CODES.has(code)) || REGION_MESSAGE.test(error.message)) {
    return { scope: 'channel', reason: `Region not supported by the upstream: ${summary}` };
  }
  if (error.kind === 'insufficient_quota' || error.upstreamStatus === 402) {
    return { scope: 'key', reason: `No credit left on the upstream account: ${summary}` };
  }
  // Gemini words its per-minute rate limits "You exceeded your current quota...": for a rate limit
  // only a code is believed, never the message.
  const messageSays = error.kind !== 'rate_limit' && DEAD_KEY_MESSAGE.test(error.message);
  if (lowered.some((code) => DEAD_KEY_CODES.has(code)) || messageSays) {
    return { scope: 'key', reason: `Upstream account unusable: ${summary}` };
  }
  if (error.kind === 'authentication') return { scope: 'key', reason: `Invalid API key: ${summary}` };
  return undefined;
}

function describe(error: GatewayError): string {
  const status = error.upstreamStatus !== undefined ? `HTTP ${error.upstreamStatus}` : 'in-band error';
  const code = error.code ?? error.upstreamType;
  const text = `${status}${code ? ` ${code}` : ''}: ${error.message}`;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
