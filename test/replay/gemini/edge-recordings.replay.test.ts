import { expect, it } from 'vitest';
import { geminiProvider } from '../../../src/providers/gemini/index.js';
import { replayContext } from './decode-recording.js';
import {
  describeWithFixtures,
  JS_GENAI_DIR,
  loadJsGenaiRecording,
  loadPydanticCassette,
  PYDANTIC_GOOGLE_DIR,
  type RecordedInteraction,
  readFixture,
  VERCEL_GOOGLE_DIR,
} from './fixtures.js';
import type { RecordedJson } from './summaries.js';

/** Errors, blocks and truncation, from recorded answers. */

const jsonBody = (interaction: RecordedInteraction | undefined): unknown => {
  if (interaction?.response.kind !== 'json') throw new Error('expected a JSON answer');
  return interaction.response.body;
};
const pydantic = (name: string) => loadPydanticCassette(`${PYDANTIC_GOOGLE_DIR}/${name}.yaml`);

describeWithFixtures('Gemini replay: errors and edge cases', () => {
  it('google-429-retry-info: RESOURCE_EXHAUSTED becomes a retryable rate limit with the RetryInfo delay', () => {
    const error = geminiProvider.decodeError(429, {}, readFixture(`${VERCEL_GOOGLE_DIR}/google-429-retry-info.json`));
    expect(error).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      retryable: true,
      retryAfterMs: 34400,
      upstreamStatus: 429,
      upstreamType: 'RESOURCE_EXHAUSTED',
      message: 'You exceeded your current quota, please check your plan.',
    });
  });

  it('Send_message_stream_with_error: the recorded 404 for an unknown model is model_not_found', () => {
    const recording = loadJsGenaiRecording(
      `${JS_GENAI_DIR}/Chats_Tests_sendMessage_Send_message_stream_with_error.json`,
    );
    const interaction = recording.interactions[0]!;
    expect(interaction.status).toBe(404);
    const error = geminiProvider.decodeError(404, interaction.headers, JSON.stringify(jsonBody(interaction)));
    expect(error).toMatchObject({ kind: 'not_found', status: 404, code: 'model_not_found', upstreamType: 'NOT_FOUND' });
    expect(error.message).toMatch(/^models\/custom-gemini-2\.0-flash is not found/);
    expect(error.retryable).toBe(false);
  });

  it('the same 404 body arriving inside a 200 stream becomes an error part', () => {
    const recording = loadJsGenaiRecording(
      `${JS_GENAI_DIR}/Chats_Tests_sendMessage_Send_message_stream_with_error.json`,
    );
    const decoder = geminiProvider.createStreamDecoder(replayContext());
    const parts = decoder.push({ data: JSON.stringify(jsonBody(recording.interactions[0])) });
    expect(parts).toMatchObject([{ type: 'error', error: { kind: 'not_found', code: 'model_not_found' } }]);
    expect(decoder.end()).toEqual([]);
  });

  it('test_google_model_max_tokens_thinking_model_empty_response: MAX_TOKENS with no content', () => {
    const result = geminiProvider.decodeResponse(
      jsonBody(pydantic('test_google_model_max_tokens_thinking_model_empty_response').interactions[0]),
      replayContext('gemini-2.5-pro'),
    );
    expect(result.choices).toEqual([{ index: 0, content: [], finishReason: { unified: 'length', raw: 'MAX_TOKENS' } }]);
    expect(result.usage).toMatchObject({
      inputTokens: { total: 15, noCache: 15, cacheRead: 0 },
      outputTokens: { total: 2, text: 0, reasoning: 2 },
    });
  });

  it('test_google_model_max_tokens: truncated text finishes with length', () => {
    const result = geminiProvider.decodeResponse(
      jsonBody(pydantic('test_google_model_max_tokens').interactions[0]),
      replayContext(),
    );
    expect(result.choices[0]!.finishReason).toEqual({ unified: 'length', raw: 'MAX_TOKENS' });
    expect(result.choices[0]!.content).toMatchObject([{ type: 'text' }]);
  });

  it('test_google_model_armor_prompt_template_text_gets_blocked: a blocked prompt is a content-filter choice', () => {
    const cassette = pydantic('test_google_model_armor_prompt_template_text_gets_blocked');
    const interaction = cassette.interactions.find((candidate) => candidate.uri.includes(':generateContent'));
    const result = geminiProvider.decodeResponse(jsonBody(interaction), replayContext());
    expect(result.id).toBe('mSEXaseKG-P51PIPwv66qQs');
    expect(result.created).toBe(Math.floor(Date.parse('2026-05-27T16:53:45.443719Z') / 1000));
    expect(result.choices).toEqual([
      { index: 0, content: [], finishReason: { unified: 'content-filter', raw: 'MODEL_ARMOR' } },
    ]);
    expect(result.usage).toBeUndefined();
  });

  it('test_google_model_thinking_part: Gemini 3 thought summary unsigned, answer text signed, replayed as recorded', () => {
    const cassette = pydantic('test_google_model_thinking_part');
    const result = geminiProvider.decodeResponse(
      jsonBody(cassette.interactions[0]),
      replayContext('gemini-3-pro-preview'),
    );
    const content = result.choices[0]!.content;
    expect(content.map((part) => [part.type, 'signature' in part && part.signature !== undefined])).toEqual([
      ['reasoning', false],
      ['text', true],
    ]);
    // The recorded second request carries the text part with the signature (as base64url).
    const replayed = (cassette.interactions[1]!.requestBody as RecordedJson).contents[1].parts[1];
    const signature = content[1]!.type === 'text' ? content[1]!.signature! : '';
    expect(replayed.thoughtSignature.replace(/-/g, '+').replace(/_/g, '/')).toBe(signature);
  });

  it('test_google_vertex_logprobs: logprobs reach the choice in the OpenAI shape', () => {
    const result = geminiProvider.decodeResponse(
      jsonBody(pydantic('test_google_vertex_logprobs').interactions[0]),
      replayContext(),
    );
    const logprobs = result.choices[0]!.logprobs as { content: Array<{ token: string; top_logprobs: unknown[] }> };
    expect(logprobs.content.map((entry) => entry.token).join('')).toBe(
      result.choices[0]!.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
    );
    expect(logprobs.content[0]!.top_logprobs).toHaveLength(5);
  });
});
