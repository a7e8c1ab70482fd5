import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web console, built by Vite into `dist/web`, served by the gateway itself: hashed files
 * under `/assets/` are cached for a year, `index.html` is revalidated on every load and answers
 * every client-side route (SPA fallback). API paths (`/v1`, `/api`, health and metrics) are never
 * answered with the page: their unknown URLs keep their JSON 404s.
 */

/** Path prefixes that belong to machines, not to the console. */
const API_PREFIXES = ['/v1', '/v1beta', '/api', '/health', '/healthz', '/readyz', '/metrics'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.webmanifest']);
const YEAR_SECONDS = 365 * 24 * 3600;

interface StaticFile {
  body: Buffer;
  gzipped?: Buffer;
  contentType: string;
  etag: string;
  cacheControl: string;
  compressible: boolean;
}

export const NOT_BUILT_MESSAGE =
  'The AIHub web console is not built yet. Run `npm run build` (or `npm install`, which builds it), then restart the server.\n' +
  'The API is running: /v1/chat/completions, /v1/models and /api/... answer as usual.\n';

/** Where the built console is: `dist/web` beside `dist/http/...`, or from `src/http/...` under tsx. */
export function defaultConsoleDir(): string {
  const candidates = [new URL('../../web/', import.meta.url), new URL('../../../dist/web/', import.meta.url)];
  for (const candidate of candidates) {
    const dir = fileURLToPath(candidate);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return fileURLToPath(candidates[0]!);
}

/** True for paths the console may answer: not an API path. */
export function isConsolePath(path: string): boolean {
  return !API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export class ConsoleSite {
  private files: Map<string, StaticFile> | undefined;

  constructor(
    private readonly dir: string,
    /** Other origins the page may load scripts and frames from: the captcha's (mail/turnstile.ts). */
    private readonly scriptOrigins: ReadonlyArray<string> = [],
  ) {}

  /**
   * Answers a GET/HEAD the router did not match, when it is the console's: a built file, or the
   * page for a client-side route. Returns false to let the caller send its usual 404.
   */
  serve(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = pathOf(request.url);
    if (path === undefined || !isConsolePath(path)) return false;
    const files = this.load();
    if (!files) {
      if (looksLikeFile(path)) return false;
      reply
        .code(503)
        .header('content-type', 'text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(NOT_BUILT_MESSAGE);
      return true;
    }
    const file = files.get(path) ?? (looksLikeFile(path) ? undefined : files.get('/index.html'));
    if (!file) return false;
    sendFile(request, reply, file, this.scriptOrigins);
    return true;
  }

  /** The built files, read once into memory (a few MB); retried while the console is not built. */
  private load(): Map<string, StaticFile> | undefined {
    if (this.files) return this.files;
    if (!existsSync(join(this.dir, 'index.html'))) return undefined;
    const files = new Map<string, StaticFile>();
    for (const absolute of walk(this.dir)) {
      const urlPath = `/${relative(this.dir, absolute).split(sep).join('/')}`;
      files.set(urlPath, staticFile(urlPath, readFileSync(absolute)));
    }
    this.files = files;
    return files;
  }
}

function staticFile(urlPath: string, body: Buffer): StaticFile {
  const extension = extname(urlPath).toLowerCase();
  const isPage = extension === '.html';
  return {
    body,
    contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
    etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
    cacheControl: isPage
      ? 'no-cache'
      : urlPath.startsWith('/assets/')
        ? `public, max-age=${YEAR_SECONDS}, immutable`
        : 'public, max-age=3600',
    compressible: COMPRESSIBLE.has(extension) && body.length > 1024,
  };
}

function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: StaticFile,
  scriptOrigins: ReadonlyArray<string>,
): void {
  reply
    .header('content-type', file.contentType)
    .header('cache-control', file.cacheControl)
    .header('etag', file.etag)
    .header('x-content-type-options', 'nosniff');
  if (file.contentType.startsWith('text/html')) {
    for (const [name, value] of Object.entries(pageSecurityHeaders(file.body, scriptOrigins)))
      reply.header(name, value);
  }
  if (file.compressible) reply.header('vary', 'accept-encoding');
  if (request.headers['if-none-match'] === file.etag) {
    reply.code(304).send();
    return;
  }
  let body = file.body;
  if (file.compressible && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    file.gzipped ??= gzipSync(file.body);
    body = file.gzipped;
    reply.header('content-encoding', 'gzip');
  }
  reply.header('content-length', body.length);
  reply.code(200).send(request.method === 'HEAD' ? undefined : body);
}

const pageHeaderCache = new WeakMap<Buffer, Map<string, Record<string, string>>>();

/**
 * Headers for the HTML page: no framing, no sniffing, and a CSP that allows only our own scripts
 * (plus the page's inline scripts by hash, such as the theme set before the first paint).
 */
export function pageSecurityHeaders(html: Buffer, scriptOrigins: ReadonlyArray<string> = []): Record<string, string> {
  const others = scriptOrigins.join(' ');
  const cached = pageHeaderCache.get(html)?.get(others);
  if (cached) return cached;
  const inlineHashes = [...html.toString('utf8').matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    (match) => `'sha256-${createHash('sha256').update(match[1]!).digest('base64')}'`,
  );
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${[...inlineHashes, others].join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // The playground plays generated speech and video from object URLs (fetched with its key).
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${others}`.trim(),
    // The captcha widget draws itself in a frame of its own origin.
    `frame-src 'self' ${others}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers = {
    'content-security-policy': csp,
    'x-frame-options': 'DENY',
    'referrer-policy': 'same-origin',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
  const byOrigins = pageHeaderCache.get(html) ?? new Map<string, Record<string, string>>();
  byOrigins.set(others, headers);
  pageHeaderCache.set(html, byOrigins);
  return headers;
}

function pathOf(url: string): string | undefined {
  const path = url.split('?')[0]!;
  try {
    const decoded = decodeURIComponent(path);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** `/assets/app.js`, `/favicon.ico`: a file name, never a client-side route. */
function looksLikeFile(path: string): boolean {
  const last = path.slice(path.lastIndexOf('/') + 1);
  return /\.[a-z0-9]+$/i.test(last);
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const absolute = join(dir, entry);
    if (statSync(absolute).isDirectory()) yield* walk(absolute);
    else yield absolute;
  }
}
