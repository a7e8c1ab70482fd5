/**
 * Alipay's RSA2 signatures (SHA256withRSA, base64). The signed content is the parameters sorted
 * by name (byte order), empty values left out, joined as `k=v&k=v` with raw (not URL-encoded)
 * values. A request signs everything but `sign`; an asynchronous notification is verified over
 * everything but `sign` and `sign_type`. A gateway response is verified over the exact JSON text
 * of its `*_response` value (alipay-response.ts).
 */
import { createSign, createVerify, type KeyObject } from 'node:crypto';

export function alipaySigningContent(params: Record<string, string>, exclude: readonly string[]): string {
  return Object.keys(params)
    .filter((key) => !exclude.includes(key) && params[key] !== undefined && params[key] !== '')
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
}

export function rsa2Sign(content: string, privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(content, 'utf8').sign(privateKey, 'base64');
}

export function rsa2Verify(content: string, signature: string, publicKey: KeyObject): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature)) return false;
  try {
    return createVerify('RSA-SHA256').update(content, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** Signs a request's parameters: `sign` is added over everything else, `sign_type` included. */
export function signAlipayRequest(params: Record<string, string>, privateKey: KeyObject): Record<string, string> {
  return { ...params, sign: rsa2Sign(alipaySigningContent(params, ['sign']), privateKey) };
}

/** Verifies an asynchronous notification's (or a return URL's) parameters. */
export function verifyAlipayNotificationSign(params: Record<string, string>, publicKey: KeyObject): boolean {
  const signature = params.sign;
  if (!signature) return false;
  return rsa2Verify(alipaySigningContent(params, ['sign', 'sign_type']), signature, publicKey);
}
