import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkStripeSignature, computeStripeSignature, parseStripeSignatureHeader } from './stripe-signature.js';

const SECRET = 'whsec_test_secret';
const BODY = Buffer.from('{"id":"evt_1","type":"checkout.session.completed"}');
const T = 1_760_000_000;
const NOW = T * 1000 + 10_000;

/** Signed the way Stripe documents it, written out independently of the module under test. */
function sign(body: Buffer, t = T, secret = SECRET): string {
  return createHmac('sha256', secret)
    .update(`${t}.${body.toString('utf8')}`)
    .digest('hex');
}

describe('Stripe webhook signatures', () => {
  it('accepts a signature computed as Stripe documents it', () => {
    expect(computeStripeSignature(SECRET, T, BODY)).toBe(sign(BODY));
    const header = `t=${T},v1=${sign(BODY)},v0=deadbeef`;
    expect(checkStripeSignature({ header, rawBody: BODY, secret: SECRET, nowMs: NOW })).toEqual({
      ok: true,
      timestamp: T,
    });
  });

  it('accepts any of several v1 signatures (a secret being rolled)', () => {
    const header = `t=${T},v1=${sign(BODY, T, 'whsec_old')},v1=${sign(BODY)}`;
    expect(checkStripeSignature({ header, rawBody: BODY, secret: SECRET, nowMs: NOW }).ok).toBe(true);
  });

  it.each([
    ['no header', undefined],
    ['no timestamp', `v1=${sign(BODY)}`],
    ['no v1', `t=${T},v0=${sign(BODY)}`],
    ['a signature by another secret', `t=${T},v1=${sign(BODY, T, 'whsec_other')}`],
    ['a signature for another timestamp', `t=${T},v1=${sign(BODY, T + 1)}`],
    ['garbage', 'hello'],
  ])('refuses %s', (_name, header) => {
    expect(checkStripeSignature({ header, rawBody: BODY, secret: SECRET, nowMs: NOW }).ok).toBe(false);
  });

  it('refuses a good signature over a changed body', () => {
    const header = `t=${T},v1=${sign(BODY)}`;
    const changed = Buffer.from(BODY.toString().replace('evt_1', 'evt_2'));
    expect(checkStripeSignature({ header, rawBody: changed, secret: SECRET, nowMs: NOW }).ok).toBe(false);
  });

  it('refuses a stale timestamp (a replay) and one too far ahead, within 300 s either way accepted', () => {
    const header = `t=${T},v1=${sign(BODY)}`;
    const at = (nowMs: number) => checkStripeSignature({ header, rawBody: BODY, secret: SECRET, nowMs }).ok;
    expect(at(T * 1000 + 300_000)).toBe(true);
    expect(at(T * 1000 + 301_000)).toBe(false);
    expect(at(T * 1000 - 300_000)).toBe(true);
    expect(at(T * 1000 - 301_000)).toBe(false);
  });

  it('parses the header leniently (spaces, unknown schemes) but strictly in what it keeps', () => {
    expect(parseStripeSignatureHeader(` t=${T} , v1=${'A'.repeat(64)}, v2=x`)).toEqual({
      timestamp: T,
      signatures: ['a'.repeat(64)],
    });
    expect(parseStripeSignatureHeader(`t=${T},v1=short`)).toBeUndefined();
  });
});
