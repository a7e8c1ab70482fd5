import { describe, expect, it } from 'vitest';
import type { IncomingNotification } from '../payment-types.js';
import { apiModeExtras, payerAddress } from './epay-checkout.js';
import { epayConfigSchema } from './epay-config.js';
import { readEpayLookup } from './epay-lookup.js';
import { epayDefinition } from './epay-provider.js';
import { hasValidEpaySignature, signEpayParams } from './epay-sign.js';

const config = epayConfigSchema.parse({ baseUrl: 'https://pay.example.com/', pid: '1001', key: 'merchant-key' });
const provider = epayDefinition.create(config, { now: () => 0, fetch: () => Promise.reject(new Error('no network')) });

const paid = (overrides: Record<string, string> = {}) =>
  signEpayParams(
    {
      pid: '1001',
      trade_no: '2026120612345',
      out_trade_no: 'ord_1',
      type: 'alipay',
      name: 'AIHub credit',
      money: '72.00',
      trade_status: 'TRADE_SUCCESS',
      ...overrides,
    },
    'merchant-key',
  );

const asQuery = (query: Record<string, string>): IncomingNotification => ({
  method: 'epay',
  headers: {},
  rawBody: Buffer.alloc(0),
  query,
});

describe('EPay provider', () => {
  it('opens a page-pay checkout at submit.php with the signed order, money in yuan', async () => {
    const checkout = await provider.createCheckout(
      { id: 'ord_1', payAmount: 7200, currency: 'CNY', subject: 'AIHub credit $10.00', expiresAt: 0 },
      { notifyUrl: 'https://ai.example.com/n', returnUrl: 'https://ai.example.com/r?order=ord_1' },
    );
    expect(checkout.providerRef).toBe('ord_1');
    const url = new URL(checkout.url ?? '');
    expect(url.origin + url.pathname).toBe('https://pay.example.com/submit.php');
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      pid: '1001',
      type: 'alipay',
      out_trade_no: 'ord_1',
      money: '72.00',
      notify_url: 'https://ai.example.com/n',
      return_url: 'https://ai.example.com/r?order=ord_1',
      sign_type: 'MD5',
    });
    expect(hasValidEpaySignature(params, 'merchant-key')).toBe(true);
  });

  it('in api mode, posts the signed order (device and the payer address included) to mapi.php and returns its page and QR code', async () => {
    let sent: Record<string, string> = {};
    const apiMode = epayDefinition.create(
      { ...config, checkoutMode: 'api' },
      {
        now: () => 0,
        fetch: async (url, init) => {
          expect(String(url)).toBe('https://pay.example.com/mapi.php');
          sent = Object.fromEntries(new URLSearchParams(String(init?.body)));
          return new Response(
            JSON.stringify({ code: 1, trade_no: 't1', payurl: 'https://pay/p', qrcode: 'weixin://q' }),
          );
        },
      },
    );
    const order = {
      id: 'ord_2',
      payAmount: 100,
      currency: 'CNY' as const,
      subject: 's',
      expiresAt: 0,
      payerIp: '::ffff:203.0.113.9',
    };
    const urls = { notifyUrl: 'https://a/n', returnUrl: 'https://a/r' };
    expect(await apiMode.createCheckout(order, urls)).toEqual({
      providerRef: 'ord_2',
      url: 'https://pay/p',
      qrCode: 'weixin://q',
    });
    // mapi.php refuses an order without `clientip`; a dual-stack socket's IPv4 is written plainly.
    expect(sent).toMatchObject({ device: 'pc', money: '1.00', clientip: '203.0.113.9' });
    expect(hasValidEpaySignature(sent, 'merchant-key')).toBe(true);
    const refusing = epayDefinition.create(
      { ...config, checkoutMode: 'api' },
      { now: () => 0, fetch: async () => new Response(JSON.stringify({ code: -1, msg: 'money too small' })) },
    );
    await expect(refusing.createCheckout(order, urls)).rejects.toThrow(/money too small/);
  });

  it('turns a signed TRADE_SUCCESS into a paid notice in fen, from a GET query or a POSTed form', () => {
    const expected = {
      ok: true,
      notice: { type: 'paid', eventKey: 'trade:2026120612345', orderId: 'ord_1', payAmount: 7200, currency: 'CNY' },
    };
    expect(provider.verifyNotification(asQuery(paid()))).toMatchObject(expected);
    const form = { ...asQuery({}), rawBody: Buffer.from(new URLSearchParams(paid()).toString()) };
    expect(provider.verifyNotification(form)).toMatchObject(expected);
  });

  it('refuses a bad signature, a changed amount, and another merchant', () => {
    expect(provider.verifyNotification(asQuery({ ...paid(), sign: 'f'.repeat(32) }))).toEqual({
      ok: false,
      reason: 'Bad signature.',
    });
    expect(provider.verifyNotification(asQuery({ ...paid(), money: '0.01' }))).toMatchObject({ ok: false });
    const other = signEpayParams({ ...paid(), pid: '2002' }, 'merchant-key');
    expect(provider.verifyNotification(asQuery(other))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/2002/),
    });
    expect(provider.verifyNotification(asQuery({}))).toMatchObject({ ok: false });
  });

  it('reads `money` as current servers write it, PHP’s (float) of the amount: "72", "0.5"', () => {
    expect(provider.verifyNotification(asQuery(paid({ money: '72' })))).toMatchObject({
      ok: true,
      notice: { type: 'paid', payAmount: 7200 },
    });
    expect(provider.verifyNotification(asQuery(paid({ money: '0.5' })))).toMatchObject({
      ok: true,
      notice: { type: 'paid', payAmount: 50 },
    });
  });

  it('keeps fields it does not know inside the signature (param, api_trade_no, buyer)', () => {
    const extra = paid({ param: 'x', api_trade_no: '2026120622001', buyer: '2088***' });
    expect(provider.verifyNotification(asQuery(extra))).toMatchObject({ ok: true, notice: { type: 'paid' } });
    expect(provider.verifyNotification(asQuery({ ...extra, buyer: 'someone-else' }))).toMatchObject({ ok: false });
  });

  it('ignores a signed notification of another status, and refuses an unreadable amount', () => {
    expect(provider.verifyNotification(asQuery(paid({ trade_status: 'TRADE_CLOSED' })))).toMatchObject({
      ok: true,
      notice: { type: 'ignored', orderId: 'ord_1' },
    });
    expect(provider.verifyNotification(asQuery(paid({ money: '1.5e2' })))).toMatchObject({ ok: false });
  });

  it('replies exactly `success`, or `fail` for a retry', () => {
    expect(provider.reply('ok')).toEqual({ status: 200, contentType: 'text/plain', body: 'success' });
    expect(provider.reply('retry').body).toBe('fail');
  });

  it('reads api.php order answers', () => {
    expect(readEpayLookup(JSON.stringify({ code: 1, status: 1, money: '72.00', trade_no: 't1' }))).toMatchObject({
      state: 'paid',
      payAmount: 7200,
      currency: 'CNY',
    });
    expect(readEpayLookup(JSON.stringify({ code: 1, status: '0', money: '72.00' })).state).toBe('unpaid');
    expect(readEpayLookup(JSON.stringify({ code: -1, msg: 'order not found' }))).toEqual({
      state: 'unknown',
      detail: { message: 'order not found' },
    });
    expect(() => readEpayLookup('<html>')).toThrow();
  });
});

describe('EPay api-mode extras', () => {
  it('sends clientip only when the payer address is known, IPv4-mapped addresses written as IPv4', () => {
    expect(apiModeExtras({})).toEqual({ device: 'pc' });
    expect(apiModeExtras({ payerIp: '2001:db8::1' })).toEqual({ device: 'pc', clientip: '2001:db8::1' });
    expect(payerAddress('::FFFF:198.51.100.7')).toBe('198.51.100.7');
    expect(payerAddress('  ')).toBeUndefined();
  });
});
