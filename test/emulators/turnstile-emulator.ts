/**
 * Cloudflare Turnstile, for tests:
 * - `POST /turnstile/v0/siteverify` (form or JSON: `secret`, `response`, `remoteip`), answering
 *   `{success, "error-codes": [...]}` as Cloudflare does: `invalid-input-secret` for another
 *   secret, `invalid-input-response` for a token it never issued, `timeout-or-duplicate` for one
 *   already checked (tokens are single use);
 * - `GET /turnstile/v0/api.js`: a widget script with Cloudflare's explicit-rendering API
 *   (`turnstile.render(element, {sitekey, callback})`, `reset`, `remove`) that shows a box and
 *   hands the callback a fresh token issued by this emulator (the "always passes" test keys' way).
 * `issueToken()` gives a test a good token without a browser.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBodyText } from './server.js';

export interface TurnstileEmulator {
  /** The root, as TURNSTILE_BASE_URL takes it. */
  readonly url: string;
  /** Every siteverify call, in order. */
  readonly verifications: Array<{ secret: string; response: string; remoteip: string; success: boolean }>;
  issueToken(): string;
  close(): Promise<void>;
}

const WIDGET_SCRIPT = `(() => {
  const base = new URL(document.currentScript.src).origin;
  let next = 0;
  const widgets = new Map();
  async function solve(id) {
    const widget = widgets.get(id);
    const res = await fetch(base + '/turnstile/v0/token', { method: 'POST' });
    const { token } = await res.json();
    widget.box.dataset.state = 'solved';
    widget.box.textContent = '\\u2713';
    widget.options.callback && widget.options.callback(token);
  }
  window.turnstile = {
    render(element, options) {
      const container = typeof element === 'string' ? document.querySelector(element) : element;
      const id = 'cf-' + ++next;
      const box = document.createElement('div');
      box.className = 'cf-turnstile-emulated';
      box.dataset.sitekey = options.sitekey;
      box.style.cssText = 'width:300px;height:65px;border:1px solid #ccc;display:flex;align-items:center;justify-content:center';
      container.appendChild(box);
      widgets.set(id, { box, options });
      solve(id);
      return id;
    },
    reset(id) { if (widgets.has(id)) solve(id); },
    remove(id) { const w = widgets.get(id); if (w) { w.box.remove(); widgets.delete(id); } },
    getResponse() { return undefined; },
  };
})();
`;

export async function startTurnstileEmulator(options: { secret: string }): Promise<TurnstileEmulator> {
  const issued = new Set<string>();
  const checked = new Set<string>();
  const verifications: TurnstileEmulator['verifications'] = [];
  const issueToken = () => {
    const token = `pass.${randomBytes(24).toString('base64url')}`;
    issued.add(token);
    return token;
  };

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    if (req.method === 'GET' && path === '/turnstile/v0/api.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' });
      res.end(WIDGET_SCRIPT);
      return;
    }
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST' });
      res.end();
      return;
    }
    if (req.method === 'POST' && path === '/turnstile/v0/token') {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify({ token: issueToken() }));
      return;
    }
    if (req.method === 'POST' && path === '/turnstile/v0/siteverify') {
      const text = await readBodyText(req);
      const fields = (req.headers['content-type'] ?? '').includes('json')
        ? (JSON.parse(text) as Record<string, string>)
        : Object.fromEntries(new URLSearchParams(text));
      const secret = fields.secret ?? '';
      const response = fields.response ?? '';
      const errors: string[] = [];
      if (secret !== options.secret) errors.push('invalid-input-secret');
      else if (!issued.has(response)) errors.push('invalid-input-response');
      else if (checked.has(response)) errors.push('timeout-or-duplicate');
      const success = errors.length === 0;
      if (issued.has(response)) checked.add(response);
      verifications.push({ secret, response, remoteip: fields.remoteip ?? '', success });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success, 'error-codes': errors, ...(success ? { hostname: 'localhost' } : {}) }));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  };

  const server = await listen((req, res) => {
    handler(req, res).catch(() => {
      res.writeHead(400);
      res.end();
    });
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    verifications,
    issueToken,
    close: () => server.close(),
  };
}
