import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseAlipayPrivateKey, parseAlipayPublicKey } from './alipay-keys.js';
import { alipaySigningContent, signAlipayRequest, verifyAlipayNotificationSign } from './alipay-sign.js';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe('Alipay RSA2 signing', () => {
  it('signs sorted, non-empty parameters without sign; notifications are verified without sign_type', () => {
    expect(alipaySigningContent({ b: '2', a: '1', c: '', sign: 'x', sign_type: 'RSA2' }, ['sign'])).toBe(
      'a=1&b=2&sign_type=RSA2',
    );
    const signed = signAlipayRequest(
      { app_id: '2021', biz_content: '{"a":"中文"}', sign_type: 'RSA2' },
      pair.privateKey,
    );
    const withoutType = { ...signed };
    delete withoutType.sign_type;
    // A request's signature covers sign_type; a notification's does not.
    expect(verifyAlipayNotificationSign(signed, pair.publicKey)).toBe(false);
    const notification = signAlipayRequest({ app_id: '2021', total_amount: '72.00' }, pair.privateKey);
    expect(verifyAlipayNotificationSign({ ...notification, sign_type: 'RSA2' }, pair.publicKey)).toBe(true);
    expect(verifyAlipayNotificationSign({ ...notification, total_amount: '0.01' }, pair.publicKey)).toBe(false);
    expect(verifyAlipayNotificationSign({ ...notification, sign: 'not base64!' }, pair.publicKey)).toBe(false);
  });

  it('reads keys as PEM or bare base64, PKCS#8 or PKCS#1 (private), SPKI or PKCS#1 (public)', () => {
    const forms = [
      pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
      pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
      pair.privateKey
        .export({ type: 'pkcs1', format: 'der' })
        .toString('base64')
        .replace(/(.{64})/g, '$1\n'),
    ];
    const publics = [
      pair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
      pair.publicKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
    ];
    for (const privateText of forms) {
      const signed = signAlipayRequest({ a: '1' }, parseAlipayPrivateKey(privateText));
      for (const publicText of publics) {
        expect(verifyAlipayNotificationSign(signed, parseAlipayPublicKey(publicText))).toBe(true);
      }
    }
    expect(() => parseAlipayPrivateKey('not-a-key!')).toThrow(/PEM or base64/);
    expect(() => parseAlipayPublicKey('QUJDRA==')).toThrow(/SPKI/);
  });
});
