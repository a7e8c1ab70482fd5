/** EPay's configuration: which server, which merchant, and how a checkout is opened. */
import { z } from 'zod';

export const EPAY_CHANNEL_TYPES = ['alipay', 'wxpay', 'qqpay'] as const;
export const EPAY_CHECKOUT_MODES = ['page', 'api'] as const;

const httpUrl = z
  .string()
  .trim()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    message: 'Must be an http:// or https:// URL',
  });

export const epayConfigSchema = z.object({
  /** The EPay server's root (`https://pay.example.com`): `submit.php`, `mapi.php`, `api.php` live under it. */
  baseUrl: httpUrl,
  /** The merchant id. */
  pid: z.string().trim().min(1).max(64),
  /** The merchant key the MD5 signatures are made with. */
  key: z.string().min(1).max(256),
  /** The payment channel the EPay server opens (`type`): Alipay, WeChat Pay or QQ Wallet. */
  channelType: z.enum(EPAY_CHANNEL_TYPES).default('alipay'),
  /**
   * `page`: the browser goes to `submit.php` with the signed order (no call from us; the common
   * way). `api`: we call `mapi.php` and get back a payment page or a QR code (an error there
   * fails the order at once instead of on the EPay page).
   */
  checkoutMode: z.enum(EPAY_CHECKOUT_MODES).default('page'),
});

export type EpayConfig = z.infer<typeof epayConfigSchema>;

/** `{base}/{file}`, whatever trailing slashes the operator wrote. */
export function epayEndpoint(config: Pick<EpayConfig, 'baseUrl'>, file: string): string {
  return `${config.baseUrl.replace(/\/+$/, '')}/${file}`;
}
