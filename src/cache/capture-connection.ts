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
 * limits); `x-aihub-cache-age` tells how old the answer is, in seconds.
 */
export async function replayAnswer(
  client: ClientConnection,
  answer: CachedAnswer,
  headers: Record<string, string>,
  now: number = Date.now(),
): Promise<void> {
  const all = {
    ...answer.headers,
    'x-aihub-cache-age': String(Math.max(0, Math.floor((now - answer.createdAt) / 1000))),
    ...headers,
  };
  if (answer.mode === 'json') {
    client.sendJson(200, all, JSON.parse(answer.body));
    return;
  }
  client.startStream(all);
  const frames = answer.body.split(/(?<=\n\n)/);
  for (const frame of frames) {
    if (client.signal.aborted) break;
    await client.write(frame);
  }
  client.end();
}
