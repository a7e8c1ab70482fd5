/**
 * Reads the send times out of the realistic upstream's stream as it arrives, without decoding it:
 * a byte search for `"content":"` and the digits after it, on whole SSE events only (a frame cut
 * between two network chunks waits for the rest). Measured on this machine with 200-byte frames:
 * ~0.7 µs a frame for this scan against ~1.3 µs to decode and JSON.parse it; at 150,000 frames a
 * second (5,000 streams at 30 tokens/s) that is a tenth of a core left to the client, the process
 * that has to keep up with everything every target sends.
 */
const CONTENT = Buffer.from('"content":"');
const EVENT_END = Buffer.from('\n\n');
const DONE = Buffer.from('data: [DONE]');

export interface ScanState {
  /** The bytes after the last complete event, waiting for the rest of it. */
  carry: Buffer | undefined;
  /** `data: [DONE]` was seen. */
  done: boolean;
}

export function newScanState(): ScanState {
  return { carry: undefined, done: false };
}

/** Calls `onToken` with each content token that is a number (the send time), in order. */
export function scanChunk(chunk: Buffer, state: ScanState, onToken: (sentAtMs: number) => void): void {
  const data = state.carry ? Buffer.concat([state.carry, chunk]) : chunk;
  const end = data.lastIndexOf(EVENT_END);
  if (end < 0) {
    state.carry = data;
    return;
  }
  const complete = end + EVENT_END.length;
  state.carry = complete < data.length ? data.subarray(complete) : undefined;
  let from = 0;
  for (;;) {
    const at = data.indexOf(CONTENT, from);
    if (at < 0 || at >= complete) break;
    from = at + CONTENT.length;
    const value = readNumber(data, from);
    if (value !== undefined) onToken(value);
  }
  // [DONE] is the last event: look for it near the end only.
  if (!state.done) {
    const done = data.indexOf(DONE, Math.max(0, complete - DONE.length - 8));
    if (done >= 0 && done < complete) state.done = true;
  }
}

/** The decimal number (digits, one optional point) starting at `from`, or undefined if none. */
export function readNumber(data: Buffer, from: number): number | undefined {
  let whole = 0;
  let fraction = 0;
  let scale = 1;
  let digits = 0;
  let point = false;
  for (let i = from; i < data.length; i++) {
    const byte = data[i];
    if (byte >= 48 && byte <= 57) {
      digits += 1;
      if (point) {
        scale /= 10;
        fraction += (byte - 48) * scale;
      } else whole = whole * 10 + (byte - 48);
    } else if (byte === 46 && !point) point = true;
    else break;
  }
  return digits ? whole + fraction : undefined;
}
