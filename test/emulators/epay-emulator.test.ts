import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasValidEpaySignature, signEpayParams } from '../../src/payments/epay/epay-sign.js';
import { type EpayEmulator, md5Sign, phpFloatText, startEpayEmulator } from './epay-emulator.js';
import { type Listening, listen, parseQuery } from './server.js';

describe('EPay emulator', () => {
  let epay: EpayEmulator;
  let merchant: Listening;
  const received: Record<string, string>[] = [];
  let answers: string[] = [];

  beforeAll(async () => {
    merchant = await listen((req, res) => {
      received.push(parseQuery(new URL(req.url ?? '/', 'http://x').search));
      res.end(answers.shift() ?? 'success');
    });
    epay = await startEpayEmulator({ retryDelayMs: 10 });
  });
  afterAll(async () => {
    await epay.close();
    await merchant.close();
  });

  const unsigned = (outTradeNo: string) => ({
    pid: epay.pid,
    type: 'alipay',
    out_trade_no: outTradeNo,
    notify_url: `http://127.0.0.1:${merchant.port}/notify`,
    return_url: `http://127.0.0.1:${merchant.port}/back?order=${outTradeNo}`,
    name: 'credit',
    money: '7.20',
  });
  const order = (outTradeNo: string, key = epay.key) => signEpayParams(unsigned(outTradeNo), key);

  it('signs as the PHP servers do, in agreement with the provider (two independent implementations)', () => {
    const fields = { ...unsigned('x'), param: '', sign_type: 'MD5' };
    const sign = md5Sign(fields, 'k');
    expect(sign).toMatch(/^[0-9a-f]{32}$/);
    expect(hasValidEpaySignature({ ...fields, sign }, 'k')).toBe(true);
    expect(signEpayParams(unsigned('x'), 'k').sign).toBe(sign);
    expect(phpFloatText('72.00')).toBe('72');
    expect(phpFloatText('0.50')).toBe('0.5');
    expect(phpFloatText('12.34')).toBe('12.34');
  });

  it('mapi.php refuses an order without the payer address (clientip), as the servers do', async () => {
    const mapi = await fetch(`${epay.url}/mapi.php`, { method: 'POST', body: new URLSearchParams(order('o4')) });
    expect(await mapi.json()).toEqual({ code: -1, msg: 'clientip 不能为空' });
    expect(epay.trades.has('o4')).toBe(false);
  });

  it('mapi.php refuses an out_trade_no with characters the servers do not take', async () => {
    const signed = signEpayParams({ ...unsigned('o 5'), clientip: '203.0.113.9' }, epay.key);
    const mapi = await fetch(`${epay.url}/mapi.php`, { method: 'POST', body: new URLSearchParams(signed) });
    expect(await mapi.json()).toMatchObject({ code: -1, msg: '订单号(out_trade_no)格式不正确' });
  });

  it('shows a cashier page for a signed order, pays it, notifies, and redirects with signed return fields', async () => {
    const submit = await fetch(`${epay.url}/submit.php?${new URLSearchParams(order('o1'))}`);
    const html = await submit.text();
    const link = /href="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(link).toMatch(/^\/pay\?trade=/);
    const paid = await fetch(`${epay.url}${link}`, { redirect: 'manual' });
    expect(paid.status).toBe(302);
    const back = new URL(paid.headers.get('location') ?? '');
    expect(back.pathname).toBe('/back');
    const fields = Object.fromEntries(back.searchParams);
    // `money` comes back as PHP writes a float: "7.2", not the "7.20" that was sent.
    expect(fields).toMatchObject({ order: 'o1', out_trade_no: 'o1', money: '7.2', trade_status: 'TRADE_SUCCESS' });
    const { order: _ours, ...signed } = fields;
    expect(hasValidEpaySignature(signed, epay.key)).toBe(true);
    expect(received.at(-1)).toMatchObject({ out_trade_no: 'o1', trade_status: 'TRADE_SUCCESS', pid: epay.pid });
    expect(epay.trades.get('o1')?.status).toBe(1);
  });

  it('refuses an order with a bad signature', async () => {
    const text = await (await fetch(`${epay.url}/submit.php?${new URLSearchParams(order('o2', 'wrong'))}`)).text();
    expect(text).toContain('签名校验失败');
    expect(epay.trades.has('o2')).toBe(false);
  });

  it('delivers again until the merchant answers success', async () => {
    answers = ['fail', 'oops'];
    const signed = signEpayParams({ ...unsigned('o3'), clientip: '203.0.113.9', device: 'pc' }, epay.key);
    const mapi = await fetch(`${epay.url}/mapi.php`, { method: 'POST', body: new URLSearchParams(signed) });
    const answer = (await mapi.json()) as { code: number; trade_no: string; payurl: string };
    expect(answer).toEqual({ code: 1, trade_no: expect.any(String), payurl: expect.stringContaining('/cashier?') });
    expect(epay.trades.get('o3')?.clientIp).toBe('203.0.113.9');
    await fetch(`${epay.url}/pay?trade=${answer.trade_no}`, { redirect: 'manual' });
    await epay.settled();
    expect(epay.notifications.filter((n) => n.tradeNo === answer.trade_no).map((n) => n.answer)).toEqual([
      'fail',
      'oops',
      'success',
    ]);
  });

  it('answers api.php order lookups, only with the merchant key', async () => {
    const query = (key: string) => new URLSearchParams({ act: 'order', pid: epay.pid, key, out_trade_no: 'o1' });
    expect(await (await fetch(`${epay.url}/api.php?${query(epay.key)}`)).json()).toMatchObject({
      code: 1,
      status: '1',
      pid: epay.pid,
      money: '7.20',
    });
    expect(await (await fetch(`${epay.url}/api.php?${query('nope')}`)).json()).toMatchObject({ code: -3 });
  });

  it('can be down', async () => {
    epay.setDown(true);
    try {
      expect((await fetch(`${epay.url}/mapi.php`, { method: 'POST' })).status).toBe(502);
    } finally {
      epay.setDown(false);
    }
  });
});
