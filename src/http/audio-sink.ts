import type { ServerResponse } from 'node:http';
import type { AudioSink } from '../relay/audio-sink.js';
import { acceptedHeaders } from './accepted-headers.js';
import { abortedWhenClientLeaves, drainedOrClosed } from './response-flow.js';

/**
 * The relay's AudioSink over Node's ServerResponse: bytes written as they come (chunked, no
 * content-length: the length is not known until the upstream ends), with back-pressure; a
 * client that goes away aborts the signal, and with it the upstream call.
 */
export function nodeAudioSink(res: ServerResponse, requestId: string): AudioSink {
  const signal = abortedWhenClientLeaves(res);
  return {
    signal,
    get started() {
      return res.headersSent;
    },
    start(contentType, headers) {
      res.writeHead(200, {
        ...acceptedHeaders(headers),
        'content-type': contentType,
        'x-request-id': requestId,
        'cache-control': 'no-cache',
        'x-accel-buffering': 'no',
      });
      res.flushHeaders();
    },
    write(chunk) {
      if (res.destroyed || res.writableEnded) return Promise.resolve();
      if (res.write(chunk)) return Promise.resolve();
      return drainedOrClosed(res);
    },
    end() {
      if (!res.writableEnded) res.end();
    },
    abort() {
      res.destroy();
    },
  };
}
