/**
 * Stripe webhook signatures. The `Stripe-Signature` header is `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`
 * (more than one v1 while a webhook secret is being rolled; `v0` and other schemes are ignored).
 * Each v1 is HMAC-SHA256, keyed with the endpoint's signing secret (`whsec_…`, used as-is), over
 * `${t}.${raw body}`: the exact bytes received, so the body must not be parsed and re-serialised
 * first. A timestamp further than the tolerance from our clock is refused, so a captured delivery
 * cannot be replayed later (Stripe's own libraries allow 300 s).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

export interface StripeSignatureHeader {
  timestamp: number;
  signatures: string[];
}

export function parseStripeSignatureHeader(header: string): StripeSignatureHeader | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const separator = item.indexOf('=');
    if (separator < 0) continue;
    const key = item.slice(0, separator).trim();
    const value = item.slice(separator + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) signatures.push(value.toLowerCase());
  }
  if (timestamp === undefined || signatures.length === 0) return undefined;
  return { timestamp, signatures };
}

export function computeStripeSignature(secret: string, timestamp: number, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

export type StripeSignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

export function checkStripeSignature(input: {
  header: string | undefined;
  rawBody: Buffer;
  secret: string;
  nowMs: number;
  toleranceSeconds?: number;
}): StripeSignatureCheck {
  if (!input.header) return { ok: false, reason: 'No Stripe-Signature header.' };
  const parsed = parseStripeSignatureHeader(input.header);
  if (!parsed) return { ok: false, reason: 'The Stripe-Signature header has no timestamp or no v1 signature.' };
  const expected = Buffer.from(computeStripeSignature(input.secret, parsed.timestamp, input.rawBody), 'hex');
  // Every candidate is compared in constant time, and all of them are compared.
  let matched = false;
  for (const candidate of parsed.signatures) {
    if (timingSafeEqual(expected, Buffer.from(candidate, 'hex'))) matched = true;
  }
  if (!matched) return { ok: false, reason: 'No v1 signature matches the body.' };
  const tolerance = input.toleranceSeconds ?? STRIPE_SIGNATURE_TOLERANCE_SECONDS;
  const ageSeconds = Math.floor(input.nowMs / 1000) - parsed.timestamp;
  // Too old is a replay; too far ahead is a forged or badly skewed clock. Both are refused.
  if (Math.abs(ageSeconds) > tolerance) {
    return { ok: false, reason: `The signature's timestamp is ${ageSeconds} s from now (tolerance ${tolerance} s).` };
  }
  return { ok: true, timestamp: parsed.timestamp };
}
