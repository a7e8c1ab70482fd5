/**
 * Alipay's open-platform gateway (`/gateway.do`), as far as AIHub uses it, with RSA2 on both
 * sides: the emulator holds its own key pair (Alipay's; `alipayPublicKey` is what the merchant
 * configures) and verifies requests with the merchant's (app's) public key.
 *
 * - `alipay.trade.precreate` (POST): a signed `alipay_trade_precreate_response` whose `qr_code`
 *   opens the emulator's scan page `/qr/{trade}`.
 * - `alipay.trade.page.pay` (GET, signed query): the cashier page.
 * - Both pages have a Pay button (`POST /pay/{trade}`): the trade is paid, the signed
 *   asynchronous notification is POSTed to `notify_url` (form, utf-8) and retried until the
 *   answer is exactly `success`, then the browser is redirected to `return_url` (page pay).
 * - `alipay.trade.query`, `alipay.trade.fastpay.refund.query`.
 * - `refund(orderId, amountFen)` refunds part of a paid trade and sends the refund notification
 *   (cumulative `refund_fee`, `out_biz_no`, `gmt_refund`), as Alipay does.
 * Notifications carry the fields Alipay's carry (auth_app_id, seller_id, the amounts, a JSON
 * `fund_bill_list`, charset, version), signed over everything but `sign` and `sign_type` with
 * empty values left out (Alipay's Java SDK, AlipaySignature.getSignCheckContentV1).
 * Signing is written here from Alipay's rules, independently of src/payments/alipay.
 */
import { createSign, createVerify, generateKeyPairSync, type KeyObject, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from './server.js';

export interface AlipayEmulatorOptions {
  appId?: string;
  /** The merchant's (app's) public key, PEM: the emulator verifies request signatures with it. */
  merchantPublicKey: string;
  /** Notification deliveries before giving up when the answer is not `success` (default 3). */
  notifyAttempts?: number;
  /** The merchant's Alipay user id (PID) trades are collected for: notifications' `seller_id`. */
  sellerId?: string;
  now?: () => number;
}

export interface EmulatedTrade {
  outTradeNo: string;
  tradeNo: string;
  totalFen: number;
  subject: string;
  status: 'WAIT_BUYER_PAY' | 'TRADE_SUCCESS' | 'TRADE_CLOSED';
  notifyUrl?: string;
  returnUrl?: string;
  product: 'precreate' | 'page';
  refunds: { outRequestNo: string; amountFen: number }[];
}

export interface AlipayNotifyDelivery {
  params: Record<string, string>;
  answers: string[];
}

export interface AlipayEmulator {
  /** The gateway URL, as ALIPAY_GATEWAY takes it. */
  readonly gateway: string;
  readonly url: string;
  readonly appId: string;
  readonly sellerId: string;
  /** Alipay's public key (PEM), what the merchant configures as `alipayPublicKey`. */
  readonly alipayPublicKey: string;
  readonly trades: Map<string, EmulatedTrade>;
  readonly requests: { method: string; params: Record<string, string> }[];
  readonly deliveries: AlipayNotifyDelivery[];
  /** Pays a trade as the page's button does; `overrides` change what the notification says (signed all the same). */
  pay(outTradeNo: string, overrides?: Record<string, string>): Promise<AlipayNotifyDelivery>;
  refund(outTradeNo: string, amountFen: number): Promise<{ outRequestNo: string; delivery: AlipayNotifyDelivery }>;
  /** A notification's form body as Alipay would POST it, signed with Alipay's key (or `signWith`), not sent. */
  signedNotification(params: Record<string, string>, signWith?: KeyObject): Buffer;
  /** Answers the next `times` gateway calls with business error `code` / `subCode`. */
  failNext(subCode: string, times?: number, subMsg?: string): void;
  close(): Promise<void>;
}

export async function startAlipayEmulator(options: AlipayEmulatorOptions): Promise<AlipayEmulator> {
  const appId = options.appId ?? '2021000000000001';
  const sellerId = options.sellerId ?? '2088101117955611';
  const now = options.now ?? Date.now;
  const attempts = options.notifyAttempts ?? 3;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const merchantKey = options.merchantPublicKey;
  const trades = new Map<string, EmulatedTrade>();
  const requests: AlipayEmulator['requests'] = [];
  const deliveries: AlipayNotifyDelivery[] = [];
  let fault: { subCode: string; subMsg: string; left: number } | undefined;
  let origin = '';
  let tradeSequence = 0;

  const content = (params: Record<string, string>, exclude: string[]) =>
    Object.keys(params)
      .filter((key) => !exclude.includes(key) && params[key] !== '')
      .sort()
      .map((key) => `${key}=${params[key]}`)
      .join('&');
  const sign = (text: string, key: KeyObject = keys.privateKey) =>
    createSign('RSA-SHA256').update(text, 'utf8').sign(key, 'base64');

  const signedNotification: AlipayEmulator['signedNotification'] = (params, signWith) => {
    const full: Record<string, string> = { charset: 'utf-8', version: '1.0', sign_type: 'RSA2', ...params };
    full.sign = sign(content(full, ['sign', 'sign_type']), signWith);
    return Buffer.from(new URLSearchParams(full).toString());
  };

  const notify = async (trade: EmulatedTrade, params: Record<string, string>): Promise<AlipayNotifyDelivery> => {
    const delivery: AlipayNotifyDelivery = { params, answers: [] };
    deliveries.push(delivery);
    if (!trade.notifyUrl) return delivery;
    // The exact bytes that were signed (a Uint8Array: the console tests compile this file with the DOM types).
    const body = new Uint8Array(signedNotification(params));
    for (let attempt = 0; attempt < attempts; attempt++) {
      try {
        const response = await fetch(trade.notifyUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          body,
        });
        const answer = await response.text();
        delivery.answers.push(answer);
        if (answer === 'success') break;
      } catch {
        delivery.answers.push('(connection failed)');
      }
    }
    return delivery;
  };

  const baseNotification = (trade: EmulatedTrade): Record<string, string> => ({
    notify_time: beijing(now()),
    notify_type: 'trade_status_sync',
    notify_id: randomBytes(16).toString('hex'),
    app_id: appId,
    auth_app_id: appId,
    trade_no: trade.tradeNo,
    out_trade_no: trade.outTradeNo,
    total_amount: yuan(trade.totalFen),
    receipt_amount: yuan(trade.totalFen),
    invoice_amount: yuan(trade.totalFen),
    buyer_pay_amount: yuan(trade.totalFen),
    point_amount: '0.00',
    // JSON inside a form field: signed as its decoded text, quotes and all.
    fund_bill_list: JSON.stringify([{ amount: yuan(trade.totalFen), fundChannel: 'ALIPAYACCOUNT' }]),
    buyer_id: '2088102177846880',
    buyer_logon_id: 'abc***@example.test',
    seller_id: sellerId,
    subject: trade.subject,
    gmt_create: beijing(now()),
  });

  const payTrade = (trade: EmulatedTrade, overrides: Record<string, string> = {}) => {
    if (trade.status === 'WAIT_BUYER_PAY') trade.status = 'TRADE_SUCCESS';
    return notify(trade, {
      ...baseNotification(trade),
      trade_status: 'TRADE_SUCCESS',
      gmt_create: beijing(now()),
      gmt_payment: beijing(now()),
      ...overrides,
    });
  };

  /** Writes `{"<method>_response": {...}, "sign": "..."}` with the sign over the exact inner text. */
  const answer = (res: ServerResponse, method: string, response: Record<string, unknown>) => {
    const inner = JSON.stringify(response);
    const key = `${method.replaceAll('.', '_')}_response`;
    res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' });
    res.end(`{"${key}":${inner},"sign":"${sign(inner)}"}`);
  };
  const refusal = (res: ServerResponse, method: string, code: string, subCode: string, subMsg: string) =>
    answer(res, method, {
      code,
      msg: code === '40004' ? 'Business Failed' : 'Invalid Arguments',
      sub_code: subCode,
      sub_msg: subMsg,
    });

  const handleGateway = (res: ServerResponse, params: Record<string, string>) => {
    const method = params.method ?? '';
    requests.push({ method, params });
    if (params.app_id !== appId) return refusal(res, method, '40002', 'isv.invalid-app-id', '无效的AppID参数');
    if (params.sign_type !== 'RSA2' || params.charset !== 'utf-8' || params.format !== 'JSON' || !params.timestamp) {
      return refusal(res, method, '40002', 'isv.invalid-signature-type', 'Invalid common parameters');
    }
    const verified =
      params.sign !== undefined &&
      createVerify('RSA-SHA256')
        .update(content(params, ['sign']), 'utf8')
        .verify(merchantKey, params.sign, 'base64');
    if (!verified) return refusal(res, method, '40002', 'isv.invalid-signature', '验签出错');
    if (fault && fault.left > 0) {
      fault.left -= 1;
      return refusal(res, method, '40004', fault.subCode, fault.subMsg);
    }
    let biz: Record<string, string>;
    try {
      biz = JSON.parse(params.biz_content ?? '') as Record<string, string>;
    } catch {
      return refusal(res, method, '40002', 'isv.invalid-biz-content', 'biz_content is not JSON');
    }
    if (method === 'alipay.trade.precreate' || method === 'alipay.trade.page.pay') {
      const totalFen = fen(biz.total_amount);
      if (!biz.out_trade_no || totalFen === undefined || !biz.subject) {
        return refusal(
          res,
          method,
          '40002',
          'isv.missing-biz-param',
          'out_trade_no, total_amount and subject are required',
        );
      }
      if (!/^[A-Za-z0-9_]{1,64}$/.test(biz.out_trade_no)) {
        return refusal(
          res,
          method,
          '40004',
          'ACQ.INVALID_PARAMETER',
          'out_trade_no: letters, digits and _ only, at most 64',
        );
      }
      if (method === 'alipay.trade.page.pay' && biz.product_code !== 'FAST_INSTANT_TRADE_PAY') {
        return refusal(res, method, '40004', 'ACQ.PRODUCT_CODE_ERROR', 'product_code must be FAST_INSTANT_TRADE_PAY');
      }
      const existing = trades.get(biz.out_trade_no);
      if (existing && existing.totalFen !== totalFen) {
        return refusal(res, method, '40004', 'ACQ.CONTEXT_INCONSISTENT', '交易信息被篡改');
      }
      tradeSequence += 1;
      const trade: EmulatedTrade = existing ?? {
        outTradeNo: biz.out_trade_no,
        tradeNo: `2026${String(tradeSequence).padStart(24, '0')}`,
        totalFen,
        subject: biz.subject,
        status: 'WAIT_BUYER_PAY',
        notifyUrl: params.notify_url,
        returnUrl: params.return_url,
        product: method === 'alipay.trade.page.pay' ? 'page' : 'precreate',
        refunds: [],
      };
      trades.set(trade.outTradeNo, trade);
      if (method === 'alipay.trade.page.pay') return cashierPage(res, trade);
      return answer(res, method, {
        code: '10000',
        msg: 'Success',
        out_trade_no: trade.outTradeNo,
        qr_code: `${origin}/qr/${encodeURIComponent(trade.outTradeNo)}`,
      });
    }
    const trade = trades.get(biz.out_trade_no ?? '');
    if (method === 'alipay.trade.query') {
      if (!trade) return refusal(res, method, '40004', 'ACQ.TRADE_NOT_EXIST', '交易不存在');
      return answer(res, method, {
        code: '10000',
        msg: 'Success',
        out_trade_no: trade.outTradeNo,
        trade_no: trade.tradeNo,
        trade_status: trade.status,
        total_amount: yuan(trade.totalFen),
      });
    }
    if (method === 'alipay.trade.fastpay.refund.query') {
      const refund = trade?.refunds.find((r) => r.outRequestNo === biz.out_request_no);
      // Alipay answers 10000 without refund_status for a refund it does not know.
      if (!trade || !refund) return answer(res, method, { code: '10000', msg: 'Success' });
      return answer(res, method, {
        code: '10000',
        msg: 'Success',
        out_trade_no: trade.outTradeNo,
        trade_no: trade.tradeNo,
        out_request_no: refund.outRequestNo,
        total_amount: yuan(trade.totalFen),
        refund_amount: yuan(refund.amountFen),
        refund_status: 'REFUND_SUCCESS',
      });
    }
    return refusal(res, method, '40004', 'isv.invalid-method', `不存在的方法名 ${method}`);
  };

  const cashierPage = (res: ServerResponse, trade: EmulatedTrade) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html><head><title>支付宝 (emulator)</title></head><body>` +
        `<h1>${escapeHtml(trade.subject)}</h1><p data-testid="amount">¥${yuan(trade.totalFen)}</p>` +
        `<form method="post" action="/pay/${encodeURIComponent(trade.outTradeNo)}"><button type="submit" id="pay">确认付款</button></form>` +
        `</body></html>`,
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname === '/gateway.do') {
      const params: Record<string, string> = Object.fromEntries(url.searchParams);
      if (req.method === 'POST') Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
      return handleGateway(res, params);
    }
    const qr = /^\/qr\/([^/]+)$/.exec(url.pathname);
    if (qr && req.method === 'GET') {
      const trade = trades.get(decodeURIComponent(qr[1] as string));
      if (!trade) return notFound(res);
      return cashierPage(res, trade);
    }
    const pay = /^\/pay\/([^/]+)$/.exec(url.pathname);
    if (pay && req.method === 'POST') {
      const trade = trades.get(decodeURIComponent(pay[1] as string));
      if (!trade) return notFound(res);
      await payTrade(trade);
      if (trade.returnUrl) {
        // The synchronous return carries signed parameters too; it never credits by itself.
        const back = new URL(trade.returnUrl);
        const returned: Record<string, string> = {
          charset: 'utf-8',
          out_trade_no: trade.outTradeNo,
          method: 'alipay.trade.page.pay.return',
          total_amount: yuan(trade.totalFen),
          trade_no: trade.tradeNo,
          auth_app_id: appId,
          version: '1.0',
          app_id: appId,
          sign_type: 'RSA2',
          seller_id: sellerId,
          timestamp: beijing(now()),
        };
        returned.sign = sign(content(returned, ['sign', 'sign_type']));
        for (const [key, value] of Object.entries(returned)) back.searchParams.set(key, value);
        res.writeHead(303, { location: back.toString() });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><p id="paid">支付成功</p>');
      return;
    }
    notFound(res);
  };

  const listening = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((error: unknown) => {
        if (!res.headersSent) {
          res.writeHead(500);
          res.end(String(error));
        }
      });
    });
  });
  origin = `http://127.0.0.1:${listening.port}`;

  return {
    gateway: `${origin}/gateway.do`,
    url: origin,
    appId,
    sellerId,
    alipayPublicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    trades,
    requests,
    deliveries,
    pay(outTradeNo, overrides) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`No trade ${outTradeNo}.`);
      return payTrade(trade, overrides);
    },
    async refund(outTradeNo, amountFen) {
      const trade = trades.get(outTradeNo);
      if (!trade || trade.status === 'WAIT_BUYER_PAY') throw new Error(`Trade ${outTradeNo} is not paid.`);
      const outRequestNo = `RF${randomBytes(8).toString('hex')}`;
      trade.refunds.push({ outRequestNo, amountFen });
      const total = trade.refunds.reduce((sum, r) => sum + r.amountFen, 0);
      if (total >= trade.totalFen) trade.status = 'TRADE_CLOSED';
      const delivery = await notify(trade, {
        ...baseNotification(trade),
        trade_status: trade.status,
        out_biz_no: outRequestNo,
        refund_fee: yuan(total),
        gmt_refund: `${beijing(now())}.000`,
      });
      return { outRequestNo, delivery };
    },
    signedNotification,
    failNext(subCode, times = 1, subMsg = 'Emulated Alipay refusal.') {
      fault = { subCode, subMsg, left: times };
    },
    close: () => listening.close(),
  };
}

function yuan(fenAmount: number): string {
  return `${Math.floor(fenAmount / 100)}.${String(fenAmount % 100).padStart(2, '0')}`;
}

function fen(yuanAmount: string | undefined): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(yuanAmount ?? '');
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : undefined;
}

function beijing(ms: number): string {
  return new Date(ms + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
