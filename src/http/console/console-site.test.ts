import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from '../server.js';
import { ConsoleSite, isConsolePath, NOT_BUILT_MESSAGE, pageSecurityHeaders } from './console-site.js';

const INLINE_SCRIPT = 'document.documentElement.dataset.theme="dark"';
const PAGE = `<!doctype html><html><head><script>${INLINE_SCRIPT}</script><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>`;
const BUNDLE = `console.log(${JSON.stringify('x'.repeat(4000))});`;

function appFor(dir: string): FastifyInstance {
  const app = createHttpApp({
    bodyLimitBytes: 1024 * 1024,
    logger: pino({ level: 'silent' }),
    console: new ConsoleSite(dir),
  });
  app.get('/v1/models', async () => ({ object: 'list', data: [] }));
  app.get('/api/auth/me', async () => ({ user: null }));
  return app;
}

describe('ConsoleSite', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'aihub-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), PAGE);
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), BUNDLE);
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = appFor(dir);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(['/', '/login', '/admin/channels', '/logs/req_123', '/keys?cursor=abc'])(
    'answers the client-side route %s with the page, revalidated every time',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(PAGE);
    },
  );

  it('sends security headers with the page, allowing its inline script by hash', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
  });

  it('caches hashed assets for a year and compresses them for clients that accept gzip', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).toString()).toBe(BUNDLE);
  });

  it('answers a matching ETag with 304', async () => {
    const first = await app.inject({ method: 'GET', url: '/favicon.svg' });
    expect(first.headers['cache-control']).toBe('public, max-age=3600');
    const again = await app.inject({
      method: 'GET',
      url: '/favicon.svg',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('answers HEAD without a body', async () => {
    const response = await app.inject({ method: 'HEAD', url: '/keys' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it.each(['/v1/nope', '/v1', '/api/nope', '/api', '/healthz/extra', '/metrics/extra'])(
    'keeps the JSON 404 for the API path %s',
    async (url) => {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ error: { code: 'unknown_url' } });
    },
  );

  it('answers an unknown Gemini API path with a 404 in Google’s envelope, not the console', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1beta/nope' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 404, status: 'NOT_FOUND' } });
  });

  it('keeps the JSON 404 for a missing file and for other methods', async () => {
    const missing = await app.inject({ method: 'GET', url: '/assets/missing-123.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: { code: 'unknown_url' } });
    const post = await app.inject({ method: 'POST', url: '/keys', payload: {} });
    expect(post.statusCode).toBe(404);
  });

  it('never reads outside the built directory', async () => {
    for (const url of ['/../package.json', '/assets/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.body).not.toContain('root:');
      expect(response.body).not.toContain('"name"');
    }
  });

  it('leaves registered API routes alone', async () => {
    expect((await app.inject({ method: 'GET', url: '/v1/models' })).json()).toEqual({ object: 'list', data: [] });
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).json()).toEqual({ user: null });
  });
});

describe('ConsoleSite without a build', () => {
  it('tells the operator to build it, and still answers API 404s in JSON', async () => {
    const app = appFor(join(tmpdir(), 'aihub-console-missing-dir'));
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(page.body).toBe(NOT_BUILT_MESSAGE);
    expect(page.body).toContain('npm run build');
    const api = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(api.json()).toMatchObject({ error: { code: 'unknown_url' } });
    await app.close();
  });
});

describe('isConsolePath', () => {
  it.each([
    ['/', true],
    ['/playground', true],
    ['/v1x', true],
    ['/apis', true],
    ['/v1/chat/completions', false],
    ['/api/keys', false],
    ['/health', false],
  ])('%s → %s', (path, expected) => {
    expect(isConsolePath(path)).toBe(expected);
  });
});

describe('pageSecurityHeaders', () => {
  it('lets the captcha origin load scripts and frames, and only when asked', () => {
    const html = Buffer.from('<html><script>1</script></html>');
    const plain = pageSecurityHeaders(html)['content-security-policy'];
    const withCaptcha = pageSecurityHeaders(html, ['https://challenges.cloudflare.com'])['content-security-policy'];
    expect(plain).not.toContain('challenges.cloudflare.com');
    expect(withCaptcha).toMatch(/script-src 'self' 'sha256-[^']+' https:\/\/challenges\.cloudflare\.com;/);
    expect(withCaptcha).toContain("frame-src 'self' https://challenges.cloudflare.com");
  });
});
