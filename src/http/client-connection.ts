import type { ServerResponse } from 'node:http';
import type { ClientConnection } from '../relay/client-connection.js';
import { EncodedJson } from '../relay/encoded-json.js';
import { acceptedHeaders } from './accepted-headers.js';
import { abortedWhenClientLeaves, drainedOrClosed } from './response-flow.js';

/** ClientConnection over Node's ServerResponse, with back-pressure and disconnect detection. */
export function nodeClientConnection(res: ServerResponse, requestId: string): ClientConnection {
  const signal = abortedWhenClientLeaves(res);
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
    signal,
    sendJson(status, headers, body) {
      // A pass-through answer goes out as the upstream wrote it (relay/encoded-json.ts).
      const text = body instanceof EncodedJson ? body.bytes : JSON.stringify(body);
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
        // The surface names its stream's type (Gemini's JSON-array stream is application/json).
        'content-type': 'text/event-stream; charset=utf-8',
        ...acceptedHeaders(headers),
        'x-request-id': requestId,
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
      return drainedOrClosed(res);
    },
    end() {
      if (!res.writableEnded) res.end();
    },
  };
}
