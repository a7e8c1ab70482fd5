import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { alipayNotificationToNotice, parseAlipayForm } from './alipay-notify.js';
import { signAlipayRequest } from './alipay-sign.js';

const alipay = generateKeyPairSync('rsa', { modulusLength: 2048 });
const expected = { appId: '2021', alipayPublicKey: alipay.publicKey };
/** Signed as Alipay signs notifications: over everything but sign and sign_type. */
const signed = (params: Record<string, string>) => ({
  ...signAlipayRequest(params, alipay.privateKey),
  sign_type: 'RSA2',
});
const base = { app_id: '2021', out_trade_no: 'ord_1', trade_no: 'T1', total_amount: '72.00', notify_id: 'n1' };

describe('Alipay notifications', () => {
  it('TRADE_SUCCESS and TRADE_FINISHED are payments of total_amount in exact fen, keyed by trade and status', () => {
    for (const status of ['TRADE_SUCCESS', 'TRADE_FINISHED']) {
      expect(alipayNotificationToNotice(signed({ ...base, trade_status: status }), expected)).toMatchObject({
        ok: true,
        notice: { type: 'paid', orderId: 'ord_1', payAmount: 7200, currency: 'CNY', eventKey: `T1:${status}` },
      });
    }
  });

  it('a refund notification asks for its own amount (refund_fee is cumulative); TRADE_CLOSED alone is ignored', () => {
    const refund = alipayNotificationToNotice(
      signed({ ...base, trade_status: 'TRADE_CLOSED', out_biz_no: 'RF1', refund_fee: '72.00', gmt_refund: 'x' }),
      expected,
    );
    expect(refund).toMatchObject({
      ok: true,
      notice: { type: 'ignored', orderId: 'ord_1', detail: { trace_refund: 'RF1' } },
    });
    expect(alipayNotificationToNotice(signed({ ...base, trade_status: 'TRADE_CLOSED' }), expected)).toMatchObject({
      ok: true,
      notice: { type: 'ignored' },
    });
  });

  it('refuses a bad signature, another app, and an amount that is not one', () => {
    const good = signed({ ...base, trade_status: 'TRADE_SUCCESS' });
    expect(alipayNotificationToNotice({ ...good, total_amount: '0.01' }, expected).ok).toBe(false);
    expect(
      alipayNotificationToNotice(signed({ ...base, app_id: '9999', trade_status: 'TRADE_SUCCESS' }), expected).ok,
    ).toBe(false);
    expect(
      alipayNotificationToNotice(signed({ ...base, total_amount: '72.001', trade_status: 'TRADE_SUCCESS' }), expected)
        .ok,
    ).toBe(false);
    expect(alipayNotificationToNotice({ ...base }, expected).ok).toBe(false);
  });

  it('refuses a notification for another seller account when the operator gave ours (seller_id)', () => {
    const withSeller = { ...expected, sellerId: '2088101117955611' };
    const paid = { ...base, trade_status: 'TRADE_SUCCESS' };
    expect(alipayNotificationToNotice(signed({ ...paid, seller_id: '2088101117955611' }), withSeller)).toMatchObject({
      ok: true,
      notice: { type: 'paid' },
    });
    expect(alipayNotificationToNotice(signed({ ...paid, seller_id: '2088000000000002' }), withSeller)).toEqual({
      ok: false,
      reason: 'The notification is for seller 2088000000000002, not our account 2088101117955611.',
    });
    expect(alipayNotificationToNotice(signed(paid), withSeller).ok).toBe(false);
    // Without a configured account, seller_id is not checked (app_id still is).
    expect(alipayNotificationToNotice(signed({ ...paid, seller_id: '2088000000000002' }), expected).ok).toBe(true);
  });

  it('verifies over the URL-decoded values, JSON fields included (fund_bill_list), empty ones left out', () => {
    const fundBills = '[{"amount":"72.00","fundChannel":"ALIPAYACCOUNT"}]';
    const params = signed({ ...base, trade_status: 'TRADE_SUCCESS', fund_bill_list: fundBills });
    // An empty field Alipay adds after signing is not part of the signed text (as its Java SDK reads it).
    const form = Buffer.from(new URLSearchParams({ ...params, body: '' }).toString());
    expect(alipayNotificationToNotice(parseAlipayForm(form), expected)).toMatchObject({ ok: true });
  });

  it('reads the form body as UTF-8 with + as a space', () => {
    expect(parseAlipayForm(Buffer.from('subject=AIHub+%E5%85%85%E5%80%BC&a=1'))).toEqual({
      subject: 'AIHub 充值',
      a: '1',
    });
  });
});
