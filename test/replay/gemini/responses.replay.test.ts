import { expect, it } from 'vitest';
import { decodeInteraction, expectedUnifiedFinish, recordedChunks } from './decode-recording.js';
import { describeWithFixtures, successfulAnswerCases } from './fixtures.js';
import { type ChoiceSummary, summarizeRecordedChunks } from './summaries.js';

/**
 * Every successful generateContent / streamGenerateContent answer in the recordings is decoded and
 * checked against what the recorded chunks say: text, thoughts, signatures, function calls, finish
 * reason, usage, response id and model.
 */
const cases = successfulAnswerCases();

describeWithFixtures('Gemini replay: recorded responses decode to the IR', () => {
  for (const { name, interaction } of cases)
    it(name, () => {
      const chunks = recordedChunks(interaction);
      const expected = summarizeRecordedChunks(chunks);
      const actual = decodeInteraction(interaction);

      expect(actual.errors).toEqual([]);
      expect(actual.metadataParts).toBe(1);
      expect(actual.id).toBe(expected.responseId);
      expect(actual.model).toBe(expected.modelVersion);

      for (const [index, want] of Object.entries(expected.choices)) {
        const got = actual.choices[Number(index)];
        expect(got, `choice ${index}`).toBeDefined();
        expect(got!.text).toBe(want.text);
        expect(got!.reasoning).toBe(want.reasoning);
        expect(got!.textSignatures).toEqual(want.textSignatures);
        expect(got!.reasoningSignatures).toEqual(want.reasoningSignatures);
        expect(got!.finishRaw).toBe(want.finishRaw);
        if (!expected.hasPartialArgs) {
          expect(got!.toolCalls.map(({ name, args, signature }) => ({ name, args, signature }))).toEqual(
            want.toolCalls.map(({ name, args, signature }) => ({ name, args, signature })),
          );
          want.toolCalls.forEach((call, position) => {
            if (call.id) expect(got!.toolCalls[position]!.id).toBe(call.id);
          });
          expect(got!.finishUnified).toBe(expectedUnifiedFinish(want.finishRaw, want.toolCalls.length > 0));
        }
      }
      const ids = Object.values(actual.choices).flatMap((choice) => choice.toolCalls.map((call) => call.id));
      expect(new Set(ids).size).toBe(ids.length);

      const metadata = expected.usageMetadata;
      if (metadata) {
        const usage = actual.usage!;
        expect(usage.raw).toEqual(metadata);
        expect((usage.inputTokens.total ?? 0) + (usage.outputTokens.total ?? 0)).toBe(metadata.totalTokenCount);
        expect(usage.inputTokens.cacheRead).toBe(metadata.cachedContentTokenCount ?? 0);
        expect(usage.inputTokens.noCache).toBe(usage.inputTokens.total! - usage.inputTokens.cacheRead!);
        expect(usage.outputTokens.reasoning).toBe(metadata.thoughtsTokenCount ?? 0);
        // An answer's image and audio tokens are Gemini candidates too; the IR keeps them apart from text.
        const { text = 0, image = 0, audio = 0 } = usage.outputTokens;
        expect(text + image + audio).toBe(metadata.candidatesTokenCount ?? 0);
      } else {
        expect(actual.usage).toBeUndefined();
      }
    });

  it('finds enough recordings to replay (guards against a loader that silently finds nothing)', () => {
    expect(new Set(cases.map((testCase) => testCase.file)).size).toBeGreaterThanOrEqual(100);
    expect(cases.length).toBeGreaterThanOrEqual(150);
    const summaries = cases.map(({ interaction }) => summarizeRecordedChunks(recordedChunks(interaction)));
    const count = (test: (choice: ChoiceSummary) => boolean) =>
      summaries.filter((summary) => Object.values(summary.choices).some(test)).length;
    expect(cases.filter(({ interaction }) => interaction.response.kind === 'stream').length).toBeGreaterThanOrEqual(50);
    expect(count((choice) => choice.toolCalls.length > 0)).toBeGreaterThanOrEqual(50);
    expect(count((choice) => choice.toolCalls.some((call) => call.signature !== undefined))).toBeGreaterThanOrEqual(30);
    expect(count((choice) => choice.textSignatures.length > 0)).toBeGreaterThanOrEqual(20);
    expect(count((choice) => choice.reasoning !== '')).toBeGreaterThanOrEqual(10);
    expect(summaries.filter((summary) => summary.usageMetadata?.cachedContentTokenCount).length).toBeGreaterThanOrEqual(
      1,
    );
  });
});
