import type { StreamPart } from '../../../src/ir/index.js';
import { geminiProvider } from '../../../src/providers/gemini/index.js';
import type { ProviderContext } from '../../../src/providers/provider.js';
import type { RecordedInteraction } from './fixtures.js';
import type { RecordedJson } from './summaries.js';
import { type DecodedSummary, summarizeResult, summarizeStream } from './summaries.js';

export function replayContext(model = 'gemini-2.5-flash'): ProviderContext {
  let next = 0;
  return {
    target: { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'test-key', model },
    generateId: (prefix) => `${prefix}gen${++next}`,
    now: () => 1_700_000_000_000,
  };
}

/** The recorded chunks of an interaction (one for a JSON body). */
export function recordedChunks(interaction: RecordedInteraction): RecordedJson[] {
  return interaction.response.kind === 'stream'
    ? interaction.response.chunks.map((chunk) => JSON.parse(chunk))
    : [interaction.response.body];
}

/** Feeds the recorded stream through the decoder, one SSE event per chunk, then ends it. */
export function decodeRecordedStream(chunks: string[], context = replayContext()): StreamPart[] {
  const decoder = geminiProvider.createStreamDecoder(context);
  return [...chunks.flatMap((data) => decoder.push({ data })), ...decoder.end()];
}

export function decodeInteraction(interaction: RecordedInteraction, context = replayContext()): DecodedSummary {
  if (interaction.response.kind === 'stream')
    return summarizeStream(decodeRecordedStream(interaction.response.chunks, context));
  return summarizeResult(geminiProvider.decodeResponse(interaction.response.body, context));
}

/** The unified finish reason a recorded raw reason must become (written independently of the provider). */
export function expectedUnifiedFinish(raw: string | undefined, hasToolCalls: boolean): string {
  if (raw === 'STOP') return hasToolCalls ? 'tool-calls' : 'stop';
  if (raw === 'MAX_TOKENS') return 'length';
  if (
    raw !== undefined &&
    ['SAFETY', 'RECITATION', 'PROHIBITED_CONTENT', 'BLOCKLIST', 'SPII', 'MODEL_ARMOR'].includes(raw)
  ) {
    return 'content-filter';
  }
  return raw === undefined && hasToolCalls ? 'tool-calls' : 'other';
}
