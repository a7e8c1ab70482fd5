/**
 * Opening an EPay checkout: the signed order parameters, sent either as the browser's URL to
 * `submit.php` (page mode) or in a server call to `mapi.php` (api mode).
 */
import type { Checkout, CheckoutOrder, CheckoutUrls } from '../payment-types.js';
import { type EpayConfig, epayEndpoint } from './epay-config.js';
import { fenToYuanText } from './epay-money.js';
import { signEpayParams } from './epay-sign.js';

/** The order as EPay's submit and mapi endpoints take it, signed. Pure. */
export function epayOrderParams(
  config: EpayConfig,
  order: CheckoutOrder,
  urls: CheckoutUrls,
  extra: Record<string, string> = {},
): Record<string, string> {
  return signEpayParams(
    {
      ...extra,
      pid: config.pid,
      type: config.channelType,
      out_trade_no: order.id,
      notify_url: urls.notifyUrl,
      return_url: urls.returnUrl,
      // EPay servers refuse some punctuation in names; the subject is ours, plain text.
      name: order.subject.slice(0, 100),
      money: fenToYuanText(order.payAmount),
    },
    config.key,
  );
}

/** Page mode: the URL the browser opens; nothing is sent from here. Pure. */
export function epaySubmitUrl(config: EpayConfig, order: CheckoutOrder, urls: CheckoutUrls): Checkout {
  const query = new URLSearchParams(epayOrderParams(config, order, urls));
  return { providerRef: order.id, url: `${epayEndpoint(config, 'submit.php')}?${query}` };
}

const API_TIMEOUT_MS = 10_000;

/**
 * Api mode: asks `mapi.php` to open the payment; its answer names a page (`payurl`), a QR code
 * (`qrcode`) or an app link (`urlscheme`), one of them depending on the channel.
 */
export async function epayApiCheckout(
  config: EpayConfig,
  order: CheckoutOrder,
  urls: CheckoutUrls,
  fetcher: typeof fetch,
): Promise<Checkout> {
  const response = await fetcher(epayEndpoint(config, 'mapi.php'), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(epayOrderParams(config, order, urls, apiModeExtras(order))).toString(),
    signal: AbortSignal.timeout(API_TIMEOUT_MS),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`EPay mapi.php answered HTTP ${response.status}.`);
  const answer = parseJsonObject(text);
  if (!answer || String(answer.code) !== '1') {
    throw new Error(`EPay refused the order: ${String(answer?.msg ?? 'unreadable answer').slice(0, 200)}`);
  }
  const url = stringField(answer.payurl) ?? stringField(answer.urlscheme);
  const qrCode = stringField(answer.qrcode);
  if (!url && !qrCode) throw new Error('EPay accepted the order but named no page and no QR code.');
  return { providerRef: order.id, ...(url ? { url } : {}), ...(qrCode ? { qrCode } : {}) };
}

/**
 * What `mapi.php` takes beyond the page-mode fields: the device the payer is on, and `clientip`,
 * the payer's address, without which the common EPay servers refuse the order ("用户IP地址
 * (clientip)不能为空"). Pure.
 */
export function apiModeExtras(order: Pick<CheckoutOrder, 'payerIp'>): Record<string, string> {
  const clientip = payerAddress(order.payerIp);
  return { device: 'pc', ...(clientip ? { clientip } : {}) };
}

/** An IPv4 payer seen on a dual-stack socket (`::ffff:203.0.113.9`) written as plain IPv4. */
export function payerAddress(ip: string | undefined): string | undefined {
  const trimmed = ip?.trim();
  if (!trimmed) return undefined;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1] : trimmed;
}

export function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
