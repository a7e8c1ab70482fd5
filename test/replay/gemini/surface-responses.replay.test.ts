import { expect, it } from 'vitest';
import { geminiProvider } from '../../../src/providers/gemini/index.js';
import { encodeGeminiResult } from '../../../src/surfaces/gemini/encode-result.js';
import { GeminiStreamEncoder } from '../../../src/surfaces/gemini/stream-encoder.js';
import type { StreamFraming } from '../../../src/surfaces/gemini/stream-framing.js';
import type { ResponseMeta } from '../../../src/surfaces/surface.js';
import { decodeRecordedStream, recordedChunks, replayContext } from './decode-recording.js';
import { describeWithFixtures, splitSse, successfulAnswerCases } from './fixtures.js';
import { type RecordedJson, type RecordingSummary, summarizeRecordedChunks } from './summaries.js';

/**
 * A Gemini client served by Gemini through the IR (not passed through): each recorded answer is
 * decoded by the Gemini provider and re-encoded by the Gemini surface, whole or streamed in both
 * framings, and what the client reads must be what Gemini said on every field the IR carries:
 * text, thoughts, thought signatures on thoughts, text and calls, function names and arguments,
 * finish reasons, usage counts, response id and model.
 */
const cases = successfulAnswerCases();

function metaFor(expected: RecordingSummary): ResponseMeta {
  return {
    requestId: 'req_replay',
    created: 1_700_000_000,
    model: expected.modelVersion ?? 'gemini-2.5-flash',
    provider: 'gemini',
    vendor: 'gemini',
  };
}

function reencodeStream(chunks: string[], meta: ResponseMeta, framing: StreamFraming): RecordedJson[] {
  const encoder = new GeminiStreamEncoder(meta, framing);
  const body =
    decodeRecordedStream(chunks, replayContext())
      .map((part) => encoder.encode(part))
      .join('') + encoder.end();
  return framing === 'sse' ? splitSse(body).map((data) => JSON.parse(data)) : (JSON.parse(body) as RecordedJson[]);
}

function expectSameAnswer(actual: RecordingSummary, expected: RecordingSummary): void {
  expect(actual.responseId).toBe(expected.responseId ?? 'req_replay');
  expect(actual.modelVersion).toBe(expected.modelVersion ?? 'gemini-2.5-flash');
  for (const [index, want] of Object.entries(expected.choices)) {
    const got = actual.choices[Number(index)];
    expect(got, `candidate ${index}`).toBeDefined();
    expect(got!.text).toBe(want.text);
    expect(got!.reasoning).toBe(want.reasoning);
    expect(got!.textSignatures).toEqual(want.textSignatures);
    expect(got!.reasoningSignatures).toEqual(want.reasoningSignatures);
    if (want.finishRaw) expect(got!.finishRaw).toBe(want.finishRaw);
    if (!expected.hasPartialArgs) {
      expect(got!.toolCalls.map(({ name, args, signature }) => ({ name, args, signature }))).toEqual(
        want.toolCalls.map(({ name, args, signature }) => ({ name, args, signature })),
      );
      want.toolCalls.forEach((call, position) => {
        if (call.id) expect(got!.toolCalls[position]!.id).toBe(call.id);
      });
    }
  }
  const want = expected.usageMetadata;
  if (want) {
    const got = actual.usageMetadata!;
    // The IR counts a built-in tool's prompt (`toolUsePromptTokenCount`) as prompt.
    expect(got.promptTokenCount).toBe((want.promptTokenCount ?? 0) + (want.toolUsePromptTokenCount ?? 0));
    expect(got.candidatesTokenCount ?? 0).toBe(want.candidatesTokenCount ?? 0);
    expect(got.thoughtsTokenCount ?? 0).toBe(want.thoughtsTokenCount ?? 0);
    expect(got.cachedContentTokenCount ?? 0).toBe(want.cachedContentTokenCount ?? 0);
    expect(got.totalTokenCount).toBe(want.totalTokenCount);
  }
}

describeWithFixtures('Gemini surface replay: recorded answers re-encoded for a Gemini client', () => {
  for (const { name, interaction } of cases)
    it(name, () => {
      const expected = summarizeRecordedChunks(recordedChunks(interaction));
      const meta = metaFor(expected);
      if (interaction.response.kind === 'json') {
        const result = geminiProvider.decodeResponse(interaction.response.body, replayContext());
        expectSameAnswer(summarizeRecordedChunks([encodeGeminiResult(result, meta)]), expected);
        return;
      }
      for (const framing of ['sse', 'json-array'] as const) {
        const chunks = reencodeStream(interaction.response.chunks, meta, framing);
        expect(chunks.filter((chunk) => chunk.error)).toEqual([]);
        expectSameAnswer(summarizeRecordedChunks(chunks), expected);
      }
    });

  it('replays enough recordings (guards against a loader that silently finds nothing)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
    expect(cases.filter(({ interaction }) => interaction.response.kind === 'stream').length).toBeGreaterThanOrEqual(50);
  });
});
