/**
 * The EPay (易支付) signature: MD5 over the non-empty parameters except `sign` and `sign_type`,
 * sorted by name (byte order, as PHP's ksort), joined `k=v&…` with their raw (unencoded) values,
 * with the merchant key appended. Pure.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export function epaySignature(params: Record<string, string>, key: string): string {
  const text = Object.keys(params)
    .filter((name) => name !== 'sign' && name !== 'sign_type' && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHash('md5').update(`${text}${key}`, 'utf8').digest('hex');
}

/** Whether `params.sign` is the signature of the other fields under `key`, compared in constant time. */
export function hasValidEpaySignature(params: Record<string, string>, key: string): boolean {
  const given = params.sign;
  if (typeof given !== 'string' || !/^[0-9a-fA-F]{32}$/.test(given)) return false;
  const expected = Buffer.from(epaySignature(params, key), 'hex');
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), expected);
}

/** The parameters with their `sign` and `sign_type` added. */
export function signEpayParams(params: Record<string, string>, key: string): Record<string, string> {
  return { ...params, sign: epaySignature(params, key), sign_type: 'MD5' };
}
