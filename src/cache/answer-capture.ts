import type { CacheMode } from './cache-types.js';

export interface CapturedAnswer {
  mode: CacheMode;
  body: string;
  headers: Record<string, string>;
}

/**
 * Records what the relay sends the client, to store it if — and only if — it is a successful,
 * complete answer: HTTP 200, no error, every choice with a finish reason, and for a stream the
 * closing `data: [DONE]`. A stream cut short, an in-band error chunk, or an answer larger than
 * `maxBytes` is not kept (recording stops as soon as it is too large).
 */
export class AnswerCapture {
  private body = '';
  private bytes = 0;
  private status = 0;
  private headers: Record<string, string> = {};
  private ended = false;
  private abandoned = false;

  constructor(
    readonly mode: CacheMode,
    private readonly maxBytes: number,
  ) {}

  json(status: number, headers: Record<string, string>, body: unknown): void {
    this.status = status;
    this.headers = servedBy(headers);
    if (this.mode !== 'json' || status !== 200) {
      this.abandon();
      return;
    }
    this.append(JSON.stringify(body));
    this.ended = true;
  }

  streamStarted(headers: Record<string, string>): void {
    this.status = 200;
    this.headers = servedBy(headers);
    if (this.mode !== 'stream') this.abandon();
  }

  write(text: string): void {
    this.append(text);
  }

  end(): void {
    this.ended = true;
  }

  /** The answer to store, or undefined when it must not be cached. */
  result(): CapturedAnswer | undefined {
    if (this.abandoned || !this.ended || this.status !== 200) return undefined;
    const complete = this.mode === 'json' ? isCompleteJson(this.body) : isCompleteStream(this.body);
    return complete ? { mode: this.mode, body: this.body, headers: this.headers } : undefined;
  }

  private append(text: string): void {
    if (this.abandoned) return;
    this.bytes += Buffer.byteLength(text);
    if (this.bytes > this.maxBytes) {
      this.abandon();
      return;
    }
    this.body += text;
  }

  private abandon(): void {
    this.abandoned = true;
    this.body = '';
  }
}

/** Only the gateway's served-by headers are replayed (never request ids or rate-limit state). */
function servedBy(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if ((lower === 'x-aihub-model' || lower === 'x-aihub-provider') && typeof value === 'string') kept[lower] = value;
  }
  return kept;
}

type Choice = { index?: unknown; finish_reason?: unknown };

/** An OpenAI chat completion: no error, at least one choice, every choice finished. */
export function isCompleteJson(text: string): boolean {
  let body: { error?: unknown; choices?: Choice[] };
  try {
    body = JSON.parse(text);
  } catch {
    return false;
  }
  if (!body || typeof body !== 'object' || body.error !== undefined || !Array.isArray(body.choices)) return false;
  return body.choices.length > 0 && body.choices.every((choice) => typeof choice?.finish_reason === 'string');
}

/** An OpenAI chat completion stream: `[DONE]` last, no error chunk, every choice seen finished. */
export function isCompleteStream(text: string): boolean {
  const frames = text.split(/\r?\n\r?\n/).filter((frame) => frame.trim() !== '');
  const payloads = frames.map((frame) =>
    frame
      .split(/\r?\n/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(5).trimStart())
      .join('\n'),
  );
  if (payloads.length < 2 || payloads[payloads.length - 1] !== '[DONE]') return false;
  const open = new Set<unknown>();
  const finished = new Set<unknown>();
  for (const payload of payloads.slice(0, -1)) {
    if (payload === '[DONE]') return false;
    let chunk: { error?: unknown; choices?: Choice[] };
    try {
      chunk = JSON.parse(payload);
    } catch {
      return false;
    }
    if (!chunk || typeof chunk !== 'object' || chunk.error !== undefined) return false;
    for (const choice of chunk.choices ?? []) {
      open.add(choice.index);
      if (typeof choice.finish_reason === 'string') finished.add(choice.index);
    }
  }
  return open.size > 0 && [...open].every((index) => finished.has(index));
}
