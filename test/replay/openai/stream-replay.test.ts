/**
 * Every recorded Chat Completions stream (OpenAI, Azure, DeepSeek, Groq, Mistral, xAI, Moonshot,
 * Alibaba, Cerebras, Perplexity, OpenRouter...) through the stream decoder, checked against what
 * the recording itself says: text, reasoning, refusal, tool calls, finish reasons, usage, errors.
 */
import { expect, it } from 'vitest';
import { decodeEvents } from './collect.js';
import { describeReplay, replayContext } from './fixtures.js';
import { expectFromStream } from './reference.js';
import { allStreamRecordings } from './stream-sources.js';

const recordings = allStreamRecordings();

describeReplay('OpenAI stream decoder replays recorded streams', () => {
  it('covers the recorded streams', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(45);
  });

  it.each(recordings.map((recording) => [recording.name, recording] as const))('%s', (_name, recording) => {
    const expected = expectFromStream(recording.events.map((event) => event.data));
    const decoded = decodeEvents(recording.events, replayContext(recording.compat));

    expect(decoded.violations).toEqual([]);
    expect(decoded.metadata.length).toBeLessThanOrEqual(1);

    if (expected.error) {
      expect(decoded.errors).toHaveLength(1);
      expect(decoded.parts.at(-1)?.type).toBe('error');
      expect(decoded.errors[0].message).toContain(String(expected.error.message));
    } else {
      expect(decoded.errors).toEqual([]);
      expect(decoded.metadata).toHaveLength(1);
    }

    expect([...decoded.choices.keys()].sort()).toEqual([...expected.choices.keys()].sort());
    for (const [index, want] of expected.choices) {
      const got = decoded.choices.get(index);
      expect(got, `choice ${index}`).toBeDefined();
      if (!got) continue;
      expect(got.text).toBe(want.text);
      expect(got.reasoning).toBe(want.reasoning);
      expect(got.refusal).toBe(want.refusal);
      expect(got.toolCalls.map((call) => [call.name, call.arguments])).toEqual(
        want.toolCalls.map((call) => [call.name, call.arguments]),
      );
      got.toolCalls.forEach((call, position) => {
        expect(call.id).toBe(want.toolCalls[position].id ?? call.id);
        expect(call.id).not.toBe('');
        expect(call.ended).toBe(true);
      });
      if (!expected.error) {
        expect(got.finish?.raw).toBe(want.finishRaw);
        if (want.finishRaw === 'tool_calls') expect(got.finish?.unified).toBe('tool-calls');
      }
    }

    if (expected.usage) {
      const usage = decoded.usage;
      expect(usage?.raw).toEqual(expected.usage);
      expect(usage?.inputTokens.total).toBe(expected.usage.prompt_tokens);
      const cached = expected.usage.prompt_tokens_details?.cached_tokens ?? expected.usage.prompt_cache_hit_tokens;
      expect(usage?.inputTokens.cacheRead).toBe(cached ?? undefined);
      expect(usage?.outputTokens.total).toBeGreaterThanOrEqual(expected.usage.completion_tokens);
      expect((usage?.outputTokens.text ?? 0) + (usage?.outputTokens.reasoning ?? 0)).toBe(usage?.outputTokens.total);
      expect(
        (usage?.inputTokens.noCache ?? 0) + (usage?.inputTokens.cacheRead ?? 0) + (usage?.inputTokens.cacheWrite ?? 0),
      ).toBe(usage?.inputTokens.total);
    } else {
      expect(decoded.usage).toBeUndefined();
    }
  });

  it.each(recordings.filter((recording) => recording.hasDone).map((recording) => [recording.name, recording] as const))(
    'a cut stream before [DONE] and finish is an error: %s',
    (_name, recording) => {
      const withoutEnd = recording.events.filter(
        (event) => event.data.trim() !== '[DONE]' && !/"finish_reason":"[a-z_]+"/.test(event.data),
      );
      const decoded = decodeEvents(
        withoutEnd.slice(0, Math.max(1, Math.floor(withoutEnd.length / 2))),
        replayContext(recording.compat),
      );
      expect(decoded.errors.length).toBe(1);
      expect(decoded.parts.at(-1)?.type).toBe('error');
    },
  );
});
