/**
 * An EPay (易支付) server as the common open-source ones behave, for end-to-end tests:
 * - `submit.php` (GET query or POSTed form): checks the MD5 signature and the merchant, records
 *   the trade (one per out_trade_no) and shows a cashier page whose "pay" link is a plain GET
 *   (`/pay?trade=…`) a browser or a test can follow;
 * - `mapi.php` (POST form): the same, answering JSON `{code: 1, trade_no, payurl, qrcode}`;
 * - `/pay?trade=…`: marks the trade paid, sends the signed notification to notify_url (GET, or
 *   POST form with `notifyMethod: 'POST'`) and, when the answer is not exactly `success`, sends
 *   it again later like real servers do; then redirects the browser to return_url with the
 *   signed return parameters;
 * - `api.php?act=order&pid=&key=&out_trade_no=`: the trade's state (`status` 0 unpaid, 1 paid).
 * Faults: `setDown(true)` answers every request 502; `setDelay(ms)` answers late.
 */
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { hasValidEpaySignature, signEpayParams } from '../../src/payments/epay/epay-sign.js';
import { listen, parseQuery } from './server.js';

export interface EpayTrade {
  tradeNo: string;
  outTradeNo: string;
  type: string;
  name: string;
  money: string;
  notifyUrl: string;
  returnUrl: string;
  status: 0 | 1;
  paidAt: string | null;
}

export interface EpayNotificationAttempt {
  tradeNo: string;
  attempt: number;
  /** What the merchant answered (the body), or the network error. */
  answer: string;
}

export interface EpayEmulatorOptions {
  pid?: string;
  key?: string;
  notifyMethod?: 'GET' | 'POST';
  /** Deliveries of one notification in all, until one is answered `success` (default 5). */
  notifyAttempts?: number;
  /** Wait before each retry (default 200 ms; real servers wait minutes). */
  retryDelayMs?: number;
}

export interface EpayEmulator {
  /** The server's root, as `EPAY_BASE_URL` takes it. */
  readonly url: string;
  readonly pid: string;
  readonly key: string;
  /** By out_trade_no (our order id). */
  readonly trades: Map<string, EpayTrade>;
  readonly notifications: EpayNotificationAttempt[];
  /** The signed fields of a trade's notification, with fields changed after signing (`tamper`) or before (`overrides`). */
  notificationFields(
    outTradeNo: string,
    options?: { overrides?: Record<string, string>; tamper?: Record<string, string>; key?: string },
  ): Record<string, string>;
  /** Waits until the retries of every paid trade are over. */
  settled(): Promise<void>;
  setDown(down: boolean): void;
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startEpayEmulator(options: EpayEmulatorOptions = {}): Promise<EpayEmulator> {
  const pid = options.pid ?? '1001';
  const key = options.key ?? 'epay-test-key';
  const attempts = options.notifyAttempts ?? 5;
  const retryDelayMs = options.retryDelayMs ?? 200;
  const trades = new Map<string, EpayTrade>();
  const byTradeNo = new Map<string, EpayTrade>();
  const notifications: EpayNotificationAttempt[] = [];
  const pending = new Set<Promise<void>>();
  let down = false;
  let delayMs = 0;
  let origin = '';

  const signedFields = (trade: EpayTrade, signWith = key, overrides: Record<string, string> = {}) =>
    signEpayParams(
      {
        pid,
        trade_no: trade.tradeNo,
        out_trade_no: trade.outTradeNo,
        type: trade.type,
        name: trade.name,
        money: trade.money,
        trade_status: 'TRADE_SUCCESS',
        ...overrides,
      },
      signWith,
    );

  /** Opens (or finds) the trade of a signed order; an error message when the order is not acceptable. */
  const openTrade = (params: Record<string, string>): EpayTrade | string => {
    if (params.pid !== pid) return '商户不存在 (no such merchant)';
    if (!hasValidEpaySignature(params, key)) return '签名校验失败 (bad signature)';
    const required = ['type', 'out_trade_no', 'notify_url', 'name', 'money'];
    const missing = required.filter((name) => !params[name]);
    if (missing.length > 0) return `缺少参数 ${missing.join(',')}`;
    const existing = trades.get(params.out_trade_no ?? '');
    if (existing) return existing;
    const trade: EpayTrade = {
      tradeNo: `2026${String(randomInt(1e9)).padStart(9, '0')}${trades.size}`,
      outTradeNo: params.out_trade_no ?? '',
      type: params.type ?? '',
      name: params.name ?? '',
      money: params.money ?? '',
      notifyUrl: params.notify_url ?? '',
      returnUrl: params.return_url ?? '',
      status: 0,
      paidAt: null,
    };
    trades.set(trade.outTradeNo, trade);
    byTradeNo.set(trade.tradeNo, trade);
    return trade;
  };

  const deliver = async (trade: EpayTrade, attempt: number): Promise<boolean> => {
    const fields = signedFields(trade);
    let answer: string;
    try {
      const response =
        options.notifyMethod === 'POST'
          ? await fetch(trade.notifyUrl, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams(fields).toString(),
            })
          : await fetch(withQuery(trade.notifyUrl, fields));
      answer = await response.text();
    } catch (error) {
      answer = `network error: ${(error as Error).message}`;
    }
    notifications.push({ tradeNo: trade.tradeNo, attempt, answer });
    return answer === 'success';
  };

  /** First delivery now; retries in the background until `success` or out of attempts. */
  const notify = async (trade: EpayTrade): Promise<void> => {
    if (await deliver(trade, 1)) return;
    const retries = (async () => {
      for (let attempt = 2; attempt <= attempts; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
        if (await deliver(trade, attempt)) return;
      }
    })();
    pending.add(retries);
    void retries.finally(() => pending.delete(retries));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const body = await readBody(req);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (down) return send(res, 502, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    const params = { ...parseQuery(url.search), ...Object.fromEntries(new URLSearchParams(body)) };
    switch (url.pathname) {
      case '/submit.php': {
        const trade = openTrade(params);
        if (typeof trade === 'string') return send(res, 200, 'text/html; charset=utf-8', page(`错误: ${trade}`));
        return send(res, 200, 'text/html; charset=utf-8', cashierPage(trade));
      }
      case '/mapi.php': {
        const trade = openTrade(params);
        if (typeof trade === 'string') return sendJson(res, { code: -1, msg: trade });
        return sendJson(res, {
          code: 1,
          msg: 'succ',
          trade_no: trade.tradeNo,
          payurl: `${origin}/cashier?trade=${trade.tradeNo}`,
          qrcode: `${origin}/pay?trade=${trade.tradeNo}`,
        });
      }
      case '/cashier': {
        const trade = byTradeNo.get(params.trade ?? '');
        if (!trade) return send(res, 404, 'text/html', page('订单不存在'));
        return send(res, 200, 'text/html; charset=utf-8', cashierPage(trade));
      }
      case '/pay': {
        const trade = byTradeNo.get(params.trade ?? '');
        if (!trade) return send(res, 404, 'text/html', page('订单不存在'));
        if (trade.status === 0) {
          trade.status = 1;
          trade.paidAt = new Date().toISOString();
          await notify(trade);
        }
        if (!trade.returnUrl) return send(res, 200, 'text/html; charset=utf-8', page('支付成功'));
        res.writeHead(302, { location: withQuery(trade.returnUrl, signedFields(trade)) });
        res.end();
        return;
      }
      case '/api.php': {
        if (params.act !== 'order') return sendJson(res, { code: -5, msg: 'No Act' });
        if (params.pid !== pid || params.key !== key) return sendJson(res, { code: -3, msg: 'KEY校验失败' });
        const trade = trades.get(params.out_trade_no ?? '');
        if (!trade) return sendJson(res, { code: -1, msg: '订单号不存在' });
        return sendJson(res, {
          code: 1,
          msg: '查询订单号成功！',
          trade_no: trade.tradeNo,
          out_trade_no: trade.outTradeNo,
          type: trade.type,
          pid: Number(pid),
          name: trade.name,
          money: trade.money,
          status: trade.status,
          endtime: trade.paidAt,
        });
      }
      default:
        return send(res, 404, 'text/html', page('Not Found'));
    }
  };

  const listening = await listen((req, res) => {
    handle(req, res).catch((error: unknown) => send(res, 500, 'text/plain', String(error)));
  });
  origin = `http://127.0.0.1:${listening.port}`;

  return {
    url: origin,
    pid,
    key,
    trades,
    notifications,
    notificationFields(outTradeNo, fieldOptions = {}) {
      const trade = trades.get(outTradeNo);
      if (!trade) throw new Error(`no trade for ${outTradeNo}`);
      return { ...signedFields(trade, fieldOptions.key ?? key, fieldOptions.overrides), ...fieldOptions.tamper };
    },
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    setDown(value) {
      down = value;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    close: () => listening.close(),
  };
}

function cashierPage(trade: EpayTrade): string {
  return page(
    `<h1>收银台</h1><p>${escapeHtml(trade.name)}</p><p>¥${escapeHtml(trade.money)}</p>` +
      `<a id="pay" href="/pay?trade=${trade.tradeNo}">pay 立即支付</a>`,
  );
}

function page(body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>EPay</title></head><body>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function withQuery(url: string, fields: Record<string, string>): string {
  return `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams(fields)}`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json', JSON.stringify(value));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
