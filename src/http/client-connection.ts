import type { ServerResponse } from 'node:http';
import type { ClientConnection } from '../relay/client-connection.js';
import { headerValue } from '../relay/header-value.js';

/** What Node accepts in a header value (it throws on anything else): tab, visible ASCII, Latin-1. */
const ACCEPTED_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The relay encodes what it builds from request data (relay-headers.ts); this is the last guard,
 * so that no header value, wherever it came from, can make the answer fail after the upstream
 * was paid for it.
 */
function acceptedHeaders(headers: Record<string, string>): Record<string, string> {
  let accepted = headers;
  for (const [name, value] of Object.entries(headers)) {
    if (ACCEPTED_HEADER_VALUE.test(value)) continue;
    if (accepted === headers) accepted = { ...headers };
    accepted[name] = headerValue(value);
  }
  return accepted;
}

/** ClientConnection over Node's ServerResponse, with back-pressure and disconnect detection. */
export function nodeClientConnection(res: ServerResponse, requestId: string): ClientConnection {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  // A stream's writes in one turn of the event loop (the SSE events of one upstream read, the
  // headers with the first event) leave as one socket write: corked until the turn's microtasks
  // are done. Uncorked before any I/O wait, so no chunk waits for a later one.
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  const corkForThisTurn = () => {
    if (corked) return;
    corked = true;
    res.cork();
    process.nextTick(uncork);
  };
  return {
    signal: controller.signal,
    sendJson(status, headers, body) {
      const text = JSON.stringify(body);
      res.writeHead(status, {
        ...acceptedHeaders(headers),
        'x-request-id': requestId,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(text),
      });
      res.end(text);
    },
    startStream(headers) {
      res.writeHead(200, {
        ...acceptedHeaders(headers),
        'x-request-id': requestId,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
        // Tell nginx-style reverse proxies not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      corkForThisTurn();
      res.flushHeaders();
    },
    write(text) {
      if (res.destroyed || res.writableEnded) return Promise.resolve();
      corkForThisTurn();
      if (res.write(text)) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}
