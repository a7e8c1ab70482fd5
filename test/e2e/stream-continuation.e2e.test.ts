/**
 * Mid-stream continuation (issue 18): with the operator's switch on, a stream the upstream cuts
 * after some text is continued on another channel of the model, by sending the delivered text as a
 * prefill; the client sees one uninterrupted stream. Two Anthropic channels (the environment's, and
 * `claude-b`, both on the Anthropic emulator, which continues a prefill as the real API does); the
 * client is the official `openai` package on Chat Completions, so the stream is translated.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countTokens } from '../../src/billing/token-estimate.js';
import type { RecordedRequest } from '../emulators/types.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, waitForLog } from './platform-client.js';

const MODEL = 'claude-sonnet-4-5';
const FULL =
  'The quick brown fox jumps over the lazy dog, then rests beneath an old oak tree while the sun sets slowly over the quiet hills.';
const PROMPT_TOKENS = 1_200;
const OUTPUT_TOKENS = 40;

/** The prefill a request carries (its last assistant message's text), or ''. */
function prefillOf(request: RecordedRequest): string {
  const last = request.body.messages.at(-1);
  if (last?.role !== 'assistant') return '';
  return typeof last.content === 'string'
    ? last.content
    : last.content.map((part: { text?: string }) => part.text ?? '').join('');
}

describe('mid-stream continuation', () => {
  let gateway: Gateway;
  let user: Session;
  let client: OpenAI;

  beforeAll(async () => {
    // Breakers that never open: each test cuts streams on purpose, and must find both channels healthy.
    gateway = await startGateway({ AIHUB_BREAKER_MIN_CALLS: '1000' });
    user = await register(gateway, 'continuation@example.com');
    client = new OpenAI({ apiKey: (await createKey(gateway, user)).key, baseURL: gateway.baseURL, maxRetries: 0 });
    const created = await asAdmin(gateway, 'POST', '/api/admin/channels', {
      name: 'claude-b',
      type: 'anthropic',
      baseUrl: gateway.anthropic.url,
      keys: ['test-key'],
      models: [MODEL],
      priority: -1,
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  });
  afterAll(() => gateway?.close());
  beforeEach(async () => {
    gateway.anthropic.reset();
    // Every answer is FULL, continued after a prefill; the prompt is PROMPT_TOKENS, plus the prefill.
    gateway.anthropic.setScript((request) => ({
      text: FULL,
      chunkCount: 16,
      usage: { inputTokens: PROMPT_TOKENS + countTokens(prefillOf(request).trimEnd()), outputTokens: OUTPUT_TOKENS },
    }));
    await setContinuation(true);
  });

  async function setContinuation(on: boolean) {
    const reply = await asAdmin(gateway, 'PATCH', '/api/admin/settings', { streamContinuation: on });
    expect(reply.status, JSON.stringify(reply.json)).toBe(200);
  }

  /** Streams an answer; its text, chunks and request id. */
  async function stream() {
    const { data, response } = await client.chat.completions
      .create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Tell me about the fox.' }],
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: 200,
      })
      .withResponse();
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of data) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');
    return { text, chunks, requestId: response.headers.get('x-request-id') as string };
  }

  /** Cuts the next answer after `frames` SSE frames (message_start, content_block_start, then deltas). */
  function cutNextAfter(frames: number) {
    gateway.anthropic.enqueue({
      text: FULL,
      chunkCount: 16,
      usage: { inputTokens: PROMPT_TOKENS, outputTokens: OUTPUT_TOKENS },
      fault: { type: 'reset-mid-stream', afterChunks: frames },
    });
  }

  // Cut points from after the first text delta (frames: message_start, content_block_start, ping,
  // then 16 text deltas) to the last delta.
  // And one random point, different each run (its number is in the test name to replay it).
  const cuts = [5, 8, 11, 13, 17, 19, 4 + Math.floor(Math.random() * 16)];
  it.each(cuts)(
    'completes a stream cut after %i frames from the second channel: one stream, the whole text',
    async (frames) => {
      cutNextAfter(frames);
      const answer = await stream();
      expect(answer.text).toBe(FULL);
      // One answer: one id, one role announcement, one finish, one usage chunk.
      expect(new Set(answer.chunks.map((chunk) => chunk.id)).size).toBe(1);
      expect(answer.chunks.filter((chunk) => chunk.choices[0]?.delta?.role === 'assistant')).toHaveLength(1);
      expect(answer.chunks.filter((chunk) => chunk.choices[0]?.finish_reason)).toHaveLength(1);
      expect(answer.chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
      const usageChunks = answer.chunks.filter((chunk) => chunk.usage);
      expect(usageChunks).toHaveLength(1);

      // The second request continued the first: the delivered text as its prefill, trailing space left out.
      const [first, second] = gateway.anthropic.requests;
      expect(gateway.anthropic.requests).toHaveLength(2);
      expect(prefillOf(first as RecordedRequest)).toBe('');
      const prefix = prefillOf(second as RecordedRequest);
      expect(prefix.length).toBeGreaterThan(0);
      expect(FULL.startsWith(prefix)).toBe(true);
      expect(prefix).toBe(prefix.trimEnd());

      // Charged for the prompt once and the output of both channels: the ledger, the log and the usage chunk agree.
      // What the first channel delivered: the prefill, and the white space after it if its last piece had it.
      const outputs = [prefix, FULL.slice(0, prefix.length + 1)].map((text) => OUTPUT_TOKENS + countTokens(text));
      const log = await waitForLog(gateway, user, answer.requestId);
      expect(log.status).toBe(200);
      expect(log.attempts).toBe(2);
      expect(log.promptTokens).toBe(PROMPT_TOKENS);
      expect(outputs).toContain(log.completionTokens);
      expect(usageChunks[0]?.usage).toMatchObject({
        prompt_tokens: PROMPT_TOKENS,
        completion_tokens: log.completionTokens,
      });
      const ledger = await asUser(gateway, user, 'GET', '/api/ledger');
      const charges = ledger.json.data.filter((row: { reference: string }) => row.reference === answer.requestId);
      expect(charges).toHaveLength(1);
      expect(-charges[0].amount).toBe(log.cost);
      // The cut attempt is logged with its failure, the continuation as the one that served.
      expect(log.attemptsDetail.map((attempt: { outcome: string }) => attempt.outcome)).toEqual([
        expect.not.stringMatching(/^ok$/),
        'ok',
      ]);
    },
  );

  it('ends a cut stream with an error as before when the operator has not switched it on', async () => {
    await setContinuation(false);
    cutNextAfter(8);
    const error = await stream().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(gateway.anthropic.requests).toHaveLength(1);
  });

  it('does not continue a stream with a tool call in flight', async () => {
    gateway.anthropic.enqueue({
      toolCalls: [{ name: 'lookup', arguments: { query: 'fox facts and figures about jumping' } }],
      chunkCount: 16,
      fault: { type: 'reset-mid-stream', afterChunks: 6 },
    });
    const error = await client.chat.completions
      .create({
        model: MODEL,
        messages: [{ role: 'user', content: 'Look it up.' }],
        tools: [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object' } } }],
        stream: true,
        max_tokens: 200,
      })
      .then(async (stream) => {
        for await (const _ of stream) {
          // drain
        }
      })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(gateway.anthropic.requests).toHaveLength(1);
  });

  it('ends with the error when the continuation breaks too and no other channel is left', async () => {
    cutNextAfter(8);
    cutNextAfter(6);
    const error = await stream().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(gateway.anthropic.requests).toHaveLength(2);
  });
});
