/**
 * Writes a prepared reply (JSON body or stream frames) with pacing, back-pressure and the
 * mid-response faults: hang, reset, malformed frame, in-band error, missing terminal event.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sleep, untilAborted } from './server.js';
import type { Fault, RawChunk } from './types.js';

/** A response prepared by a vendor adapter. */
export interface Reply {
  status: number;
  headers: Record<string, string>;
  /** Stream frames (one SSE event each); for JSON the whole body as the only element. */
  frames: string[];
  stream: boolean;
  /** How many trailing frames form the terminal event(s) (dropped by `no-terminal`). */
  terminalFrames: number;
}

export interface ResponseCtx {
  req: IncomingMessage;
  res: ServerResponse;
  /** Aborts when the response closes, for whatever reason. */
  signal: AbortSignal;
  /** Marks a close as the emulator's own doing (not counted as a client abort). */
  markSelfClosed(): void;
}

export interface FaultHooks {
  inBandError(fault: Extract<Fault, { type: 'in-band-error' }>): string;
  malformedFrame(data: string | undefined): string;
}

async function write(ctx: ResponseCtx, chunk: string | Uint8Array): Promise<void> {
  if (ctx.signal.aborted) return;
  if (ctx.res.write(chunk)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      ctx.res.off('drain', done);
      ctx.signal.removeEventListener('abort', done);
      resolve();
    };
    ctx.res.once('drain', done);
    ctx.signal.addEventListener('abort', done, { once: true });
  });
}

/** Waits until written bytes left the process, plus a grace period for the client to read them, then resets. */
export async function resetConnection(ctx: ResponseCtx, how: 'reset' | 'close' = 'reset', graceMs = 25): Promise<void> {
  const socket = ctx.req.socket;
  for (let i = 0; i < 200 && socket.writableLength > 0 && !ctx.signal.aborted; i++) await sleep(2, ctx.signal);
  if (graceMs > 0) await sleep(graceMs, ctx.signal);
  ctx.markSelfClosed();
  if (how === 'close') socket.destroy();
  else socket.resetAndDestroy();
}

function halves(body: string): [string, string] {
  let mid = Math.floor(body.length / 2);
  const code = body.charCodeAt(mid);
  if (code >= 0xdc00 && code <= 0xdfff) mid += 1; // do not split a surrogate pair
  return [body.slice(0, mid), body.slice(mid)];
}

function faultIndex(fault: Fault | undefined, frameCount: number): number {
  if (!fault) return -1;
  switch (fault.type) {
    case 'hang-mid-stream':
    case 'reset-mid-stream':
    case 'malformed':
      return Math.min(Math.max(0, fault.afterChunks), frameCount);
    case 'in-band-error':
      return Math.min(Math.max(0, fault.afterChunks ?? 0), frameCount);
    case 'no-terminal':
      return fault.afterChunks === undefined ? -1 : Math.min(Math.max(0, fault.afterChunks), frameCount);
    default:
      return -1;
  }
}

/** Sends `reply`, applying a mid-response `fault` if any. */
export async function writeReply(
  ctx: ResponseCtx,
  reply: Reply,
  fault: Fault | undefined,
  chunkDelayMs: number,
  hooks: FaultHooks,
): Promise<void> {
  const { res } = ctx;
  if (ctx.signal.aborted) return;
  const headers = { ...reply.headers };
  let frames = reply.frames;
  if (!reply.stream) {
    const body = frames[0] ?? '';
    if (fault?.type === 'in-band-error') {
      const errBody = hooks.inBandError(fault);
      res.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(errBody)) });
      res.end(errBody);
      return;
    }
    const at = faultIndex(fault, 1);
    if (at < 0) {
      res.writeHead(reply.status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
      res.end(body);
      return;
    }
    // Mid-body fault: chunked encoding, so a cut body is visible to the client.
    const [first, second] = halves(body);
    frames = fault?.type === 'malformed' || fault?.type === 'no-terminal' ? [first] : [first, second];
    if (fault?.type === 'malformed' || fault?.type === 'no-terminal') fault = undefined;
  } else if (fault?.type === 'no-terminal' && fault.afterChunks === undefined) {
    frames = frames.slice(0, Math.max(0, frames.length - reply.terminalFrames));
  }

  res.writeHead(reply.status, headers);
  res.flushHeaders();
  const at = reply.stream ? faultIndex(fault, frames.length) : Math.min(faultIndex(fault, 1), 1);
  for (let i = 0; i <= frames.length; i++) {
    if (i === at && fault) {
      switch (fault.type) {
        case 'reset-mid-stream':
          await resetConnection(ctx, fault.how);
          return;
        case 'hang-mid-stream':
          if (fault.ms === undefined) {
            await untilAborted(ctx.signal);
            return;
          }
          await sleep(fault.ms, ctx.signal);
          break;
        case 'malformed':
          await write(ctx, hooks.malformedFrame(fault.data));
          if (fault.thenEnd) {
            res.end();
            return;
          }
          break;
        case 'in-band-error':
          await write(ctx, hooks.inBandError(fault));
          res.end();
          return;
        case 'no-terminal':
          res.end();
          return;
      }
    }
    if (i === frames.length || ctx.signal.aborted) break;
    if (i > 0 && chunkDelayMs > 0) await sleep(chunkDelayMs, ctx.signal);
    await write(ctx, frames[i]);
  }
  if (!ctx.signal.aborted) res.end();
}

/** The `raw` fault: status, headers and chunks exactly as given. */
export async function writeRaw(ctx: ResponseCtx, fault: Extract<Fault, { type: 'raw' }>): Promise<void> {
  const { res } = ctx;
  res.writeHead(fault.status ?? 200, fault.headers ?? { 'content-type': 'text/event-stream' });
  res.flushHeaders();
  for (const chunk of fault.chunks as RawChunk[]) {
    if (ctx.signal.aborted) return;
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) await write(ctx, chunk);
    else await sleep(chunk.delayMs, ctx.signal);
  }
  if (ctx.signal.aborted) return;
  if (fault.end === 'reset') await resetConnection(ctx, 'reset');
  else if (fault.end === 'hang') await untilAborted(ctx.signal);
  else res.end();
}
