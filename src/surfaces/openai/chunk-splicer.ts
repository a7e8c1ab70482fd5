/**
 * OpenAI's chunks open with the same members in the same order (recorded traffic from 2024 to
 * 2026, fixtures-raw: openai-python, openai-node, vercel-ai `openai-text.chunks.txt`):
 * `{"id":"chatcmpl-…","object":"chat.completion.chunk","created":…`. Only the id differs from
 * what AIHub shows its client (`chatcmpl-<requestId>`); the model and `created` are the
 * upstream's on the translated path too (the stream encoder takes them from the first chunk).
 */
const ID_OPENING = '{"id":"';
const AFTER_ID = '","object":"chat.completion.chunk",';
/** Present on every chunk when the upstream was asked for usage (AIHub always asks, to bill). */
const NULL_USAGE = ',"usage":null';

/**
 * Why splice rather than encode: on the recorded 300-chunk gpt-4.1-nano stream (2 shared cores,
 * best of 30 rounds), encoding a chunk's decoded parts again costs 0.82–1.05 µs, this splice with
 * its checks 0.22–0.32 µs (3–4× less); decoding for the meter (JSON.parse, 1.2–1.5 µs) stays.
 * That is ~13 µs of CPU on the benchmark's 20-frame stream (~0.9 ms a request): below that shared
 * machine's run-to-run noise, so the end-to-end figures neither show nor refute it. The other
 * reason is fidelity: the client gets what OpenAI sent, not what AIHub models of it.
 *
 * One upstream `chat.completion.chunk` (an SSE event's data, as it came) as the client's SSE
 * frame, with AIHub's id in place of the upstream's and nothing else parsed or re-encoded: fields
 * AIHub does not model (`service_tier`, `obfuscation`, logprobs, new deltas) reach the client as
 * OpenAI wrote them. Undefined when the data does not open the way OpenAI's chunks do (the
 * caller then encodes the event's parts instead). `idJson` is the id as a JSON string, quotes
 * included. Without `keepNullUsage`, the `"usage":null` OpenAI adds to every chunk of a stream
 * that asked for usage is taken out: a client that did not ask would not have seen it.
 */
export function spliceChunk(data: string, idJson: string, keepNullUsage: boolean): string | undefined {
  if (!data.startsWith(ID_OPENING)) return undefined;
  const idEnd = data.indexOf('"', ID_OPENING.length);
  // An id with an escape in it is not one of OpenAI's; `startsWith` at idEnd checks the next member.
  if (idEnd < 0 || !data.startsWith(AFTER_ID, idEnd) || data.lastIndexOf('\\', idEnd) >= ID_OPENING.length) {
    return undefined;
  }
  // SSE data that spans lines would need a `data:` per line; OpenAI's chunks are one line.
  if (data.charCodeAt(data.length - 1) !== 125 /* } */ || data.includes('\n')) return undefined;
  let rest = data.slice(idEnd + 1);
  if (!keepNullUsage) {
    // An unescaped quote after a comma is JSON structure, never inside a string: this is a member
    // `"usage": null` (the chunk's own, which comes after `choices`). Removing a null member keeps
    // the JSON valid and means the same.
    const at = rest.lastIndexOf(NULL_USAGE);
    const after = rest.charCodeAt(at + NULL_USAGE.length);
    if (at >= 0 && (after === 44 /* , */ || after === 125) /* } */) {
      rest = rest.slice(0, at) + rest.slice(at + NULL_USAGE.length);
    }
  }
  return `data: {"id":${idJson}${rest}\n\n`;
}
