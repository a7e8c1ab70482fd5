/**
 * The vendor-independent emulator: request recording, the script queue, pre-header faults, the
 * fixed-response fast mode and abort accounting. Vendors plug in through a VendorAdapter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FaultHooks, type Reply, type ResponseCtx, resetConnection, writeRaw, writeReply } from './responder.js';
import { ScriptQueue } from './script-queue.js';
import { listen, parseQuery, sleep, untilAborted } from './server.js';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest, ScriptEntry, ScriptStep } from './types.js';

export type Route =
  | {
      kind: 'generate';
      stream: boolean;
      model: string;
      format?: 'sse' | 'json-array';
      /**
       * A token-count request (Anthropic count_tokens, Gemini countTokens): scripted, faulted and
       * checked like a generation, answered with the vendor's count (`usage.inputTokens` overrides it).
       */
      count?: boolean;
      /** Which of the vendor's APIs (OpenAI: Chat Completions by default, `responses`, `embeddings`, `images`, `image-edits`; Gemini: `predict`). */
      api?: 'responses' | 'embeddings' | 'images' | 'image-edits' | 'predict';
      /** A Gemini embedding request: `batch` (batchEmbedContents) or `single` (embedContent). */
      embed?: 'batch' | 'single';
    }
  | { kind: 'reply'; reply: Reply };

export type GenerateRoute = Extract<Route, { kind: 'generate' }>;

export interface VendorAdapter {
  /** Path appended to the origin to form `url` (`/v1` for OpenAI, '' otherwise). */
  basePath: string;
  /** Maps a request to a generation route or an immediate reply (models list, 404). */
  route(req: RecordedRequest): Route;
  /** Auth and validation; a reply when the request is refused. */
  check(req: RecordedRequest, route: GenerateRoute): Reply | undefined;
  success(req: RecordedRequest, route: GenerateRoute, step: ScriptStep): Reply;
  httpError(fault: Extract<Fault, { type: 'http-error' }>, route: GenerateRoute): Reply;
  hooks(route: GenerateRoute): FaultHooks;
  /** Fast mode: is this a generation request, and a stream? (`undefined`: not a generation route.) */
  fastRoute(path: string, query: string, body: Buffer): boolean | undefined;
  /** Fast mode: does the request carry a valid key? */
  fastAuth(req: IncomingMessage, query: string): boolean;
  /** Fast mode: the canned request answered at start-up. */
  cannedRequest(stream: boolean): RecordedRequest;
  /** Clears per-emulator state such as id counters. */
  reset(): void;
}

const NO_HOOKS: FaultHooks = { inBandError: () => '', malformedFrame: () => '' };

interface FixedReply {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
  reply?: Reply;
}

/** A multipart body as the emulators read it: text fields, and `files` by field name (undefined when malformed). */
async function parseForm(raw: Buffer, contentType: string): Promise<Record<string, unknown> | undefined> {
  try {
    const form = await new Response(new Uint8Array(raw.buffer as ArrayBuffer, raw.byteOffset, raw.byteLength), {
      headers: { 'content-type': contentType },
    }).formData();
    const fields: Record<string, unknown> = {};
    const files: Record<string, Array<{ filename: string; contentType: string; size: number }>> = {};
    for (const [name, value] of form.entries()) {
      if (typeof value === 'string') fields[name] = value;
      else {
        const list = files[name] ?? [];
        list.push({ filename: value.name, contentType: value.type, size: value.size });
        files[name] = list;
      }
    }
    return { ...fields, files };
  } catch {
    return undefined;
  }
}

/** Fast-mode check for `"stream": true` in a raw JSON body. */
export function bodyRequestsStream(body: Buffer): boolean {
  const i = body.indexOf('"stream"');
  if (i < 0) return false;
  return /^"stream"\s*:\s*true/.test(body.subarray(i, i + 24).toString('latin1'));
}

export async function createEmulator(adapter: VendorAdapter, options: EmulatorOptions): Promise<Emulator> {
  const queue = new ScriptQueue();
  const requests: RecordedRequest[] = [];
  const record = options.record ?? !options.fixedResponse;
  const chunkDelayMs = options.chunkDelayMs ?? 0;
  const headersDelayMs = options.headersDelayMs ?? 0;
  let aborted = 0;
  let received = 0;
  let active = 0;
  let closing = false;
  const abortWaiters = new Set<() => void>();

  function buildFixed(stream: boolean): FixedReply {
    const canned = adapter.cannedRequest(stream);
    const route = adapter.route(canned) as GenerateRoute;
    const reply = adapter.success(canned, route, {});
    const custom = typeof options.fixedResponse === 'object' ? options.fixedResponse : undefined;
    const given = stream ? custom?.sse : custom?.json;
    let frames = reply.frames;
    if (given !== undefined)
      frames = Array.isArray(given) ? given : [typeof given === 'string' ? given : JSON.stringify(given)];
    // Paced streams are written frame by frame; everything else is one pre-serialised buffer.
    if (stream && chunkDelayMs > 0 && frames.length > 1)
      return { status: 200, headers: reply.headers, reply: { ...reply, frames } };
    const body = Buffer.from(frames.join(''));
    const headers = { ...reply.headers };
    if (!stream) headers['content-length'] = String(body.length);
    return { status: 200, headers, body };
  }
  const fixed = options.fixedResponse ? { json: buildFixed(false), sse: buildFixed(true) } : undefined;

  function onAbort(): void {
    aborted += 1;
    for (const w of abortWaiters) w();
  }

  function makeCtx(req: IncomingMessage, res: ServerResponse): ResponseCtx {
    // The AbortController is created on first use: one-shot fixed responses never need it.
    let controller: AbortController | undefined;
    let closed = false;
    let self = false;
    active += 1;
    res.once('close', () => {
      active -= 1;
      closed = true;
      if (!res.writableFinished && !self && !closing) onAbort();
      controller?.abort();
    });
    return {
      req,
      res,
      get signal() {
        if (!controller) {
          controller = new AbortController();
          if (closed) controller.abort();
        }
        return controller.signal;
      },
      markSelfClosed: () => {
        self = true;
      },
    };
  }

  async function handle(ctx: ResponseCtx, rawBody: Buffer): Promise<void> {
    const { req } = ctx;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const text = rawBody.toString('utf8');
    let body: unknown;
    const contentType = String(req.headers['content-type'] ?? '');
    if (/^multipart\/form-data/i.test(contentType)) body = await parseForm(rawBody, contentType);
    else if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: q < 0 ? url : url.slice(0, q),
      query: parseQuery(q < 0 ? '' : url.slice(q)),
      headers: req.headers,
      body,
      rawBody: text,
      receivedAt: Date.now(),
    };
    if (record) requests.push(rec);
    const route = adapter.route(rec);
    if (route.kind === 'reply') return writeReply(ctx, route.reply, undefined, 0, NO_HOOKS);

    const step = queue.next(rec);
    const fault = step.fault;
    if (fault?.type === 'reset-before-headers') return resetConnection(ctx, 'reset', 0);
    if (fault?.type === 'hang-before-headers') {
      if (fault.ms === undefined) return untilAborted(ctx.signal);
      await sleep(fault.ms, ctx.signal);
    }
    const delay = step.headersDelayMs ?? headersDelayMs;
    if (delay > 0) await sleep(delay, ctx.signal);
    if (ctx.signal.aborted) return;
    const hooks = adapter.hooks(route);
    if (fault?.type === 'http-error') return writeReply(ctx, adapter.httpError(fault, route), undefined, 0, hooks);
    if (fault?.type === 'raw') return writeRaw(ctx, fault);
    const refused = adapter.check(rec, route);
    if (refused) return writeReply(ctx, refused, undefined, 0, hooks);
    const reply = adapter.success(rec, route, step);
    if (step.headers) reply.headers = { ...reply.headers, ...step.headers };
    await writeReply(ctx, reply, fault, step.chunkDelayMs ?? chunkDelayMs, hooks);
  }

  function tryFixed(ctx: ResponseCtx, rawBody: Buffer): boolean {
    if (!fixed || !queue.idle) return false;
    const url = ctx.req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q);
    const stream = adapter.fastRoute(path, query, rawBody);
    if (stream === undefined || !adapter.fastAuth(ctx.req, query)) return false;
    const f = stream ? fixed.sse : fixed.json;
    const send = () => {
      if (ctx.res.destroyed) return;
      if (f.reply) {
        void writeReply(ctx, f.reply, undefined, chunkDelayMs, NO_HOOKS);
        return;
      }
      ctx.res.writeHead(f.status, f.headers);
      ctx.res.end(f.body);
    };
    if (headersDelayMs > 0) setTimeout(send, headersDelayMs);
    else send();
    return true;
  }

  const listening = await listen(
    (req, res) => {
      received += 1;
      const ctx = makeCtx(req, res);
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('error', () => {});
      req.on('end', () => {
        const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        if (tryFixed(ctx, raw)) return;
        handle(ctx, raw).catch((err: unknown) => {
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'text/plain' });
            res.end(`emulator error: ${err instanceof Error ? err.stack : String(err)}`);
          } else res.destroy();
        });
      });
    },
    options.host,
    options.port,
  );

  const origin = `http://${options.host ?? '127.0.0.1'}:${listening.port}`;
  return {
    url: origin + adapter.basePath,
    origin,
    port: listening.port,
    requests,
    get abortedRequests() {
      return aborted;
    },
    get requestCount() {
      return received;
    },
    get activeRequests() {
      return active;
    },
    enqueue(...steps: ScriptEntry[]) {
      queue.enqueue(steps);
    },
    setScript(step: ScriptEntry | undefined) {
      queue.setDefault(step);
    },
    pendingSteps: () => queue.pending(),
    reset() {
      requests.length = 0;
      queue.clear();
      aborted = 0;
      received = 0;
      adapter.reset();
    },
    waitForAborted(count = 1, timeoutMs = 5_000) {
      return new Promise<void>((resolve, reject) => {
        if (aborted >= count) return resolve();
        const check = () => {
          if (aborted < count) return;
          clearTimeout(timer);
          abortWaiters.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          abortWaiters.delete(check);
          reject(new Error(`emulator saw ${aborted} aborted request(s), expected ${count} within ${timeoutMs} ms`));
        }, timeoutMs);
        abortWaiters.add(check);
      });
    },
    close() {
      closing = true;
      return listening.close();
    },
  };
}
