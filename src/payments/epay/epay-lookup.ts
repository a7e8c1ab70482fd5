/** Asking an EPay server about an order (`api.php?act=order`), for an operator checking a stuck one. */
import type { PaymentLookup } from '../payment-types.js';
import { parseJsonObject } from './epay-checkout.js';
import { type EpayConfig, epayEndpoint } from './epay-config.js';
import { yuanTextToFen } from './epay-money.js';

const LOOKUP_TIMEOUT_MS = 10_000;

/** EPay's `status`: 0 unpaid, 1 paid, 2 refunded (3 frozen, 4 pre-authorised: unknown to us). */
const STATES: Record<string, PaymentLookup['state']> = { '0': 'unpaid', '1': 'paid', '2': 'refunded' };

export async function lookupEpayOrder(
  config: EpayConfig,
  orderId: string,
  fetcher: typeof fetch,
): Promise<PaymentLookup> {
  // The protocol puts the merchant key in the query: this URL is never logged.
  const query = new URLSearchParams({ act: 'order', pid: config.pid, key: config.key, out_trade_no: orderId });
  const response = await fetcher(`${epayEndpoint(config, 'api.php')}?${query}`, {
    signal: AbortSignal.timeout(LOOKUP_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`EPay api.php answered HTTP ${response.status}.`);
  return readEpayLookup(text);
}

/** Pure: the answer of `api.php?act=order` as a PaymentLookup. */
export function readEpayLookup(text: string): PaymentLookup {
  const answer = parseJsonObject(text);
  if (!answer) throw new Error('EPay api.php gave an unreadable answer.');
  if (String(answer.code) !== '1') {
    return { state: 'unknown', detail: { message: String(answer.msg ?? '').slice(0, 200) } };
  }
  const money = typeof answer.money === 'string' ? answer.money : String(answer.money ?? '');
  const payAmount = yuanTextToFen(money);
  return {
    state: STATES[String(answer.status)] ?? 'unknown',
    ...(payAmount === undefined ? {} : { payAmount, currency: 'CNY' as const }),
    detail: {
      tradeNo: String(answer.trade_no ?? ''),
      status: String(answer.status ?? ''),
      money,
      type: String(answer.type ?? ''),
      ...(answer.endtime ? { paidAt: String(answer.endtime) } : {}),
    },
  };
}
