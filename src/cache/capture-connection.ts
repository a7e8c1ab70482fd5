import type { ClientConnection } from '../relay/client-connection.js';
import type { AnswerCapture } from './answer-capture.js';
import type { CachedAnswer } from './cache-types.js';

/** The same connection, with `extra` headers added to whatever the relay sends (rate limits, cache status). */
export function withResponseHeaders(inner: ClientConnection, extra: Record<string, string>): ClientConnection {
  if (Object.keys(extra).length === 0) return inner;
  return {
    signal: inner.signal,
    sendJson: (status, headers, body) => inner.sendJson(status, { ...headers, ...extra }, body),
    startStream: (headers) => inner.startStream({ ...headers, ...extra }),
    write: (text) => inner.write(text),
    end: () => inner.end(),
  };
}

/** The same connection, recording what goes through it into `capture` (to store it afterwards). */
export function captureConnection(inner: ClientConnection, capture: AnswerCapture): ClientConnection {
  return {
    signal: inner.signal,
    sendJson(status, headers, body) {
      capture.json(status, headers, body);
      inner.sendJson(status, headers, body);
    },
    startStream(headers) {
      capture.streamStarted(headers);
      inner.startStream(headers);
    },
    write(text) {
      capture.write(text);
      return inner.write(text);
    },
    end() {
      capture.end();
      inner.end();
    },
  };
}

/**
 * Sends a cached answer as the original was sent: a JSON body, or the same SSE frames one by one
 * (with back-pressure; stops if the client goes away). `headers` are added (cache status, rate
 * limits, this request's cost); `x-aihub-cache-age` tells how old the answer is, in seconds.
 *
 * `restateCost` rewrites what the original answer said it cost (its usage's `cost`, which the
 * original request was charged) to what this one was: applied to a JSON body, and to the one
 * stream frame that carries a cost (the usage chunk: its data names `cost_details`).
 */
export async function replayAnswer(
  client: ClientConnection,
  answer: CachedAnswer,
  headers: Record<string, string>,
  now: number = Date.now(),
  restateCost?: (body: unknown) => unknown,
): Promise<void> {
  const all = {
    ...answer.headers,
    'x-aihub-cache-age': String(Math.max(0, Math.floor((now - answer.createdAt) / 1000))),
    ...headers,
  };
  if (answer.mode === 'json') {
    const body = JSON.parse(answer.body);
    client.sendJson(200, all, restateCost ? restateCost(body) : body);
    return;
  }
  client.startStream(all);
  const frames = answer.body.split(/(?<=\n\n)/);
  for (const frame of frames) {
    if (client.signal.aborted) break;
    await client.write(restateCost ? restatedFrame(frame, restateCost) : frame);
  }
  client.end();
}

const DATA_PREFIX = 'data: ';

function restatedFrame(frame: string, restateCost: (body: unknown) => unknown): string {
  if (!frame.startsWith(DATA_PREFIX) || !frame.includes('"cost_details":')) return frame;
  try {
    return `${DATA_PREFIX}${JSON.stringify(restateCost(JSON.parse(frame.slice(DATA_PREFIX.length))))}\n\n`;
  } catch {
    return frame; // not one JSON object per frame: not a frame AIHub wrote a cost into
  }
}
