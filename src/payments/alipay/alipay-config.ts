/** Alipay open platform configuration (RSA2 keys), as the console edits it and the environment presets it. */
import { z } from 'zod';

export const alipayConfigSchema = z.object({
  /** The application's APPID (merchant side); notifications for another app are refused. */
  appId: z.string().min(1),
  /** The application's private key ("应用私钥"), PEM or the console's bare base64, PKCS#8 or PKCS#1. */
  privateKey: z.string().min(1),
  /** Alipay's public key ("支付宝公钥"), PEM or bare base64: verifies notifications and responses. */
  alipayPublicKey: z.string().min(1),
  gateway: z.string().url().default('https://openapi.alipay.com/gateway.do'),
  /**
   * `qr`: `alipay.trade.precreate`, a code the console shows for the Alipay app to scan.
   * `page`: `alipay.trade.page.pay`, a signed URL that opens Alipay's desktop cashier.
   * One per order, never both: two products opened with the same out_trade_no conflict at Alipay.
   */
  mode: z.enum(['qr', 'page']).default('qr'),
  /**
   * The merchant's Alipay user id (PID, `2088` + 12 digits), optional. Alipay asks merchants to
   * check a notification's `seller_id` as well as its `app_id`: one app may collect for several
   * accounts, and a notification for a trade another account collected is not a payment to us.
   * When set, a notification with another (or no) `seller_id` is refused.
   */
  sellerId: z
    .string()
    .trim()
    .regex(/^2088\d{12}$/, { message: 'An Alipay user id is 2088 followed by 12 digits' })
    .optional(),
});

export type AlipayConfig = z.output<typeof alipayConfigSchema>;

export const ALIPAY_SECRET_FIELDS = ['privateKey'] as const;

export const ALIPAY_ENV = {
  appId: 'ALIPAY_APP_ID',
  privateKey: 'ALIPAY_PRIVATE_KEY',
  alipayPublicKey: 'ALIPAY_PUBLIC_KEY',
  gateway: 'ALIPAY_GATEWAY',
  sellerId: 'ALIPAY_SELLER_ID',
} as const;
