/**
 * Reading a gateway response: `{"alipay_trade_precreate_response": {...}, "sign": "..."}`. The
 * signature covers the exact text of the `*_response` value as Alipay wrote it (its spacing and
 * escapes included), so that text is cut out of the raw body, verified, and only then parsed.
 * `code` other than "10000" is a refusal, described by `sub_msg`.
 */
import type { KeyObject } from 'node:crypto';
import { rsa2Verify } from './alipay-sign.js';

export class AlipayApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly subCode?: string,
  ) {
    super(message);
    this.name = 'AlipayApiError';
  }
}

export function responseKey(method: string): string {
  return `${method.replaceAll('.', '_')}_response`;
}

/** The raw JSON text of `"key": {…}` at the top level of `body`, or undefined. */
export function extractJsonObjectText(body: string, key: string): string | undefined {
  const marker = `"${key}"`;
  let at = body.indexOf(marker);
  if (at < 0) return undefined;
  at += marker.length;
  while (at < body.length && /[\s:]/.test(body[at] as string)) at++;
  if (body[at] !== '{') return undefined;
  let depth = 0;
  let inString = false;
  for (let i = at; i < body.length; i++) {
    const c = body[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') {
      depth--;
      if (depth === 0) return body.slice(at, i + 1);
    }
  }
  return undefined;
}

/** The verified, successful `*_response` object of `method`, or an AlipayApiError. */
export function readAlipayResponse(body: string, method: string, alipayPublicKey: KeyObject): Record<string, unknown> {
  let envelope: { sign?: unknown };
  try {
    envelope = JSON.parse(body) as { sign?: unknown };
  } catch {
    throw new AlipayApiError(`Alipay's answer to ${method} is not JSON.`);
  }
  const key = body.includes(`"${responseKey(method)}"`) ? responseKey(method) : 'error_response';
  const text = extractJsonObjectText(body, key);
  if (!text) throw new AlipayApiError(`Alipay's answer to ${method} has no ${responseKey(method)}.`);
  const response = JSON.parse(text) as Record<string, unknown>;
  const signature = typeof envelope.sign === 'string' ? envelope.sign : undefined;
  const refusal = response.code !== '10000';
  // A refusal may come unsigned (a gateway-level error); it is an error either way and trusts nothing.
  if (refusal) {
    const message = String(response.sub_msg ?? response.msg ?? 'refused');
    throw new AlipayApiError(
      `Alipay refused ${method}: ${message}`,
      String(response.code ?? ''),
      String(response.sub_code ?? ''),
    );
  }
  if (!signature || !rsa2Verify(text, signature, alipayPublicKey)) {
    throw new AlipayApiError(`Alipay's answer to ${method} does not carry a valid signature.`);
  }
  return response;
}
