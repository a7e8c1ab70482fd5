import { describe, expect, it } from 'vitest';
import { newScanState, scanChunk } from './sse-timestamps.js';
import { closingFrames, ROLE_FRAME, tokenFrame } from './stream-format.js';

function scanAll(pieces: Buffer[]) {
  const state = newScanState();
  const tokens: number[] = [];
  for (const piece of pieces) scanChunk(piece, state, (value) => tokens.push(value));
  return { tokens, done: state.done };
}

const stream = ROLE_FRAME + tokenFrame(1765000000123.456) + tokenFrame(1765000000156.789) + closingFrames(2, true);

describe('scanChunk', () => {
  it('reads each token as a send time, skips the empty role content, and sees [DONE]', () => {
    const { tokens, done } = scanAll([Buffer.from(stream)]);
    expect(tokens).toEqual([1765000000123.456, 1765000000156.789]);
    expect(done).toBe(true);
  });

  it('gives the same answer whatever byte the network cuts the stream at', () => {
    const bytes = Buffer.from(stream);
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const second = Math.min(bytes.length, cut + 50);
      const result = scanAll([bytes.subarray(0, cut), bytes.subarray(cut, second), bytes.subarray(second)]);
      expect(result.tokens).toEqual([1765000000123.456, 1765000000156.789]);
      expect(result.done).toBe(true);
    }
  });

  it('reads frames a gateway re-encoded with its own id and model', () => {
    const reencoded =
      'data: {"id":"chatcmpl-aihub-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o-mini",' +
      '"choices":[{"index":0,"delta":{"content":"42.5 "},"finish_reason":null}],"usage":null}\n\n';
    expect(scanAll([Buffer.from(reencoded)])).toEqual({ tokens: [42.5], done: false });
  });

  it('does not see [DONE] in a stream cut before it', () => {
    expect(scanAll([Buffer.from(ROLE_FRAME + tokenFrame(1))]).done).toBe(false);
  });
});
