/**
 * An EPay (易支付) server as the common open-source ones (彩虹易支付 and its forks) behave, for
 * end-to-end tests:
 * - `submit.php` (GET query or POSTed form): checks the MD5 signature and the merchant, records
 *   the trade (one per out_trade_no) and shows a cashier page whose "pay" link is a plain GET
 *   (`/pay?trade=…`) a browser or a test can follow;
 * - `mapi.php` (POST form): the same, and `clientip` (the payer's address) is required; answers
 *   JSON `{code: 1, trade_no, payurl}` (or `qrcode` with `mapiAnswer: 'qrcode'`: one of them, as
 *   the channel decides), `{code: -1, msg}` when refused;
 * - `/pay?trade=…`: marks the trade paid, sends the signed notification to notify_url (GET, or
 *   POST form with `notifyMethod: 'POST'`) and, when the answer does not contain `success`, sends
 *   it again later like real servers do; then redirects the browser to return_url with the
 *   signed return parameters. `money` in them is PHP's `(float)` of the stored amount ("72",
 *   "7.2": trailing zeros dropped), as current servers write it;
 * - `api.php?act=order&pid=&key=&out_trade_no=`: the trade's row, every value a string as PDO
 *   returns it (`status` "0" unpaid, "1" paid; `money` "7.20").
 * Faults: `setDown(true)` answers every request 502; `setDelay(ms)` answers late.
 * The MD5 signature is computed here from the servers' rule (ksort; `sign`, `sign_type` and empty
 * values left out; `k=v&…` raw; md5 of that + the key), independently of src/payments/epay.
 */
import { createHash, randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, parseQuery, readBodyText } from './server.js';

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
  /** The payer's address `mapi.php` was given (submit.php reads the browser's own). */
  clientIp: string | null;
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
  /** What `mapi.php` answers for an accepted order: a page (`payurl`, default) or a QR code. */
  mapiAnswer?: 'payurl' | 'qrcode';
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
  /** Changes what `mapi.php` answers from now on (see EpayEmulatorOptions.mapiAnswer). */
  setMapiAnswer(answer: 'payurl' | 'qrcode'): void;
  close(): Promise<void>;
}

export async function startEpayEmulator(options: EpayEmulatorOptions = {}): Promise<EpayEmulator> {
  const pid = options.pid ?? '1001';
  let mapiAnswer = options.mapiAnswer ?? 'payurl';
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

  const signedFields = (trade: EpayTrade, signWith = key, overrides: Record<string, string> = {}) => {
    const fields: Record<string, string> = {
      pid,
      trade_no: trade.tradeNo,
      out_trade_no: trade.outTradeNo,
      type: trade.type,
      name: trade.name,
      money: phpFloatText(trade.money),
      trade_status: 'TRADE_SUCCESS',
      ...overrides,
    };
    return { ...fields, sign: md5Sign(fields, signWith), sign_type: 'MD5' };
  };

  /** Opens (or finds) the trade of a signed order; an error message when the order is not acceptable. */
  const openTrade = (params: Record<string, string>, api: boolean): EpayTrade | string => {
    if (params.pid !== pid) return '商户不存在！';
    if (params.sign !== md5Sign(params, key)) return '签名校验失败，请返回重试！';
    // submit.php needs a return_url (the browser goes back there) and can let the payer choose
    // the channel; mapi.php needs the channel and the payer's address instead.
    const required = ['out_trade_no', 'notify_url', 'name', 'money', ...(api ? ['type', 'clientip'] : ['return_url'])];
    const missing = required.filter((name) => !params[name]);
    if (missing.length > 0) return `${missing.join(',')} 不能为空`;
    const money = params.money ?? '';
    if (!/^[0-9.]+$/.test(money) || !(Number(money) > 0)) return '金额不合法';
    if (!/^[a-zA-Z0-9._\-|]+$/.test(params.out_trade_no ?? '')) return '订单号(out_trade_no)格式不正确';
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
      clientIp: params.clientip ?? null,
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
    // The servers look for the word anywhere in the answer (strpos), in three spellings.
    return /success|SUCCESS|Success/.test(answer);
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
    const body = await readBodyText(req);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (down) return send(res, 502, 'text/html', '<html><body>502 Bad Gateway</body></html>');
    const params = { ...parseQuery(url.search), ...Object.fromEntries(new URLSearchParams(body)) };
    switch (url.pathname) {
      case '/submit.php': {
        const trade = openTrade(params, false);
        if (typeof trade === 'string') return send(res, 200, 'text/html; charset=utf-8', page(`错误: ${trade}`));
        return send(res, 200, 'text/html; charset=utf-8', cashierPage(trade));
      }
      case '/mapi.php': {
        const trade = openTrade(params, true);
        if (typeof trade === 'string') return sendJson(res, { code: -1, msg: trade });
        return sendJson(
          res,
          mapiAnswer === 'qrcode'
            ? { code: 1, trade_no: trade.tradeNo, qrcode: `${origin}/pay?trade=${trade.tradeNo}` }
            : { code: 1, trade_no: trade.tradeNo, payurl: `${origin}/cashier?trade=${trade.tradeNo}` },
        );
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
        if (params.pid !== pid) return sendJson(res, { code: -3, msg: '商户ID不存在' });
        if (params.key !== key) return sendJson(res, { code: -3, msg: '商户密钥错误' });
        const trade = trades.get(params.out_trade_no ?? '');
        if (!trade) return sendJson(res, { code: -1, msg: '订单号不存在' });
        // The order row as PDO reads it: every column a string, `money` as its DECIMAL(10,2).
        return sendJson(res, {
          code: 1,
          msg: 'succ',
          trade_no: trade.tradeNo,
          out_trade_no: trade.outTradeNo,
          api_trade_no: null,
          type: trade.type,
          pid,
          addtime: '2026-12-06 10:00:00',
          endtime: trade.paidAt,
          name: trade.name,
          money: Number(trade.money).toFixed(2),
          param: null,
          buyer: null,
          status: String(trade.status),
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
    setMapiAnswer(answer) {
      mapiAnswer = answer;
    },
    close: () => listening.close(),
  };
}

/** The servers' MD5 signature: ksort; `sign`, `sign_type` and empty values left out; md5(`k=v&…` + key). */
export function md5Sign(params: Record<string, string>, key: string): string {
  const text = Object.keys(params)
    .sort()
    .filter((name) => name !== 'sign' && name !== 'sign_type' && params[name] !== '')
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHash('md5')
    .update(text + key, 'utf8')
    .digest('hex');
}

/** How PHP writes `(float)"72.00"` in a query string: "72"; "7.20" → "7.2". */
export function phpFloatText(money: string): string {
  return String(Number(money));
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
