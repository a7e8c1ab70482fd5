import { createSign, createVerify, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlipayEmulator, startAlipayEmulator } from './alipay-emulator.js';
import { listen } from './server.js';

const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingContent = (params: Record<string, string>, exclude: string[]) =>
  Object.keys(params)
    .filter((k) => !exclude.includes(k) && params[k] !== '')
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');

describe('Alipay emulator', () => {
  let alipay: AlipayEmulator;
  let receiver: Awaited<ReturnType<typeof listen>>;
  const notifications: Record<string, string>[] = [];
  let answerFail = 0;

  beforeAll(async () => {
    alipay = await startAlipayEmulator({
      merchantPublicKey: merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    receiver = await listen((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        notifications.push(Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString())));
        res.end(answerFail-- > 0 ? 'fail' : 'success');
      });
    });
  });
  afterAll(async () => {
    await alipay.close();
    await receiver.close();
  });

  const call = async (method: string, biz: Record<string, string>, key = merchant.privateKey) => {
    const params: Record<string, string> = {
      app_id: alipay.appId,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: '2026-12-06 10:00:00',
      version: '1.0',
      notify_url: `http://127.0.0.1:${receiver.port}/notify`,
      biz_content: JSON.stringify(biz),
    };
    params.sign = createSign('RSA-SHA256')
      .update(signingContent(params, ['sign']))
      .sign(key, 'base64');
    const response = await fetch(alipay.gateway, { method: 'POST', body: new URLSearchParams(params) });
    return response.text();
  };

  it('refuses a request signed with another key (isv.invalid-signature)', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const body = await call(
      'alipay.trade.precreate',
      { out_trade_no: 'o1', total_amount: '1.00', subject: 's' },
      stranger.privateKey,
    );
    expect(JSON.parse(body).alipay_trade_precreate_response).toMatchObject({
      code: '40002',
      sub_code: 'isv.invalid-signature',
    });
  });

  it('precreate answers a QR code, signed over the exact text of the response value', async () => {
    const body = await call('alipay.trade.precreate', { out_trade_no: 'o2', total_amount: '72.00', subject: '充值' });
    const inner = /^\{"alipay_trade_precreate_response":(\{.*\}),"sign":"([^"]+)"\}$/.exec(body);
    expect(inner).not.toBeNull();
    const [, text, sign] = inner as RegExpExecArray;
    expect(
      createVerify('RSA-SHA256')
        .update(text as string)
        .verify(alipay.alipayPublicKey, sign as string, 'base64'),
    ).toBe(true);
    expect(JSON.parse(text as string)).toMatchObject({ code: '10000', qr_code: `${alipay.url}/qr/o2` });
  });

  it('paying sends a notification signed without sign/sign_type, retried until `success`; refunds report the cumulative refund_fee', async () => {
    await call('alipay.trade.precreate', { out_trade_no: 'o3', total_amount: '72.00', subject: '充值' });
    answerFail = 1;
    notifications.length = 0;
    await fetch(`${alipay.url}/pay/o3`, { method: 'POST' });
    expect(notifications).toHaveLength(2);
    const paid = notifications[1] as Record<string, string>;
    expect(paid).toMatchObject({
      out_trade_no: 'o3',
      trade_status: 'TRADE_SUCCESS',
      total_amount: '72.00',
      app_id: alipay.appId,
    });
    expect(
      createVerify('RSA-SHA256')
        .update(signingContent(paid, ['sign', 'sign_type']))
        .verify(alipay.alipayPublicKey, paid.sign as string, 'base64'),
    ).toBe(true);
    await alipay.refund('o3', 1000);
    const second = await alipay.refund('o3', 500);
    expect(notifications.at(-1)).toMatchObject({
      refund_fee: '15.00',
      out_biz_no: second.outRequestNo,
      trade_status: 'TRADE_SUCCESS',
    });
    const query = JSON.parse(
      await call('alipay.trade.fastpay.refund.query', { out_trade_no: 'o3', out_request_no: second.outRequestNo }),
    );
    expect(query.alipay_trade_fastpay_refund_query_response).toMatchObject({
      refund_amount: '5.00',
      refund_status: 'REFUND_SUCCESS',
    });
    const trade = JSON.parse(await call('alipay.trade.query', { out_trade_no: 'o3' }));
    expect(trade.alipay_trade_query_response).toMatchObject({ trade_status: 'TRADE_SUCCESS', total_amount: '72.00' });
    const missing = JSON.parse(await call('alipay.trade.query', { out_trade_no: 'nope' }));
    expect(missing.alipay_trade_query_response).toMatchObject({ code: '40004', sub_code: 'ACQ.TRADE_NOT_EXIST' });
  });
});
