import { expect, it } from 'vitest';
import {
  allAnthropicExchanges,
  describeWithFixtures,
  fixturesAvailable,
  type RecordedExchange,
} from '../../../test/replay/anthropic/fixtures.js';
import { accumulateWithSdk } from '../../../test/replay/anthropic/sdk-accumulate.js';
import type { StreamPart } from '../../ir/index.js';
import { decodeAnthropicResponse } from '../../providers/anthropic/decode-response.js';
import { encodeAnthropicRequest } from '../../providers/anthropic/encode-request.js';
import { createAnthropicStreamDecoder } from '../../providers/anthropic/stream-decoder.js';
import { encodeOpenAIRequest } from '../../providers/openai/encode-request.js';
import type { ProviderContext } from '../../providers/provider.js';
import type { ResponseMeta } from '../surface.js';
import { decodeMessagesRequest } from './decode-request.js';
import { encodeMessagesResult } from './encode-result.js';
import { MessagesStreamEncoder } from './stream-encoder.js';

/**
 * Real recorded Anthropic traffic (../shared/fixtures-raw) through this surface:
 * - every request body a real client sent decodes, keeping each tool call and tool result;
 * - every recorded answer, decoded by our Anthropic provider and re-encoded here, equals the
 *   recording on every field the IR carries (text, thinking and signatures, tool_use, stop reason
 *   and sequence, usage);
 * - every recorded stream, through the provider's decoder and this encoder, assembles in the
 *   official SDK's MessageStream into the message the SDK assembles from the recording itself.
 */
const exchanges: RecordedExchange[] = fixturesAvailable ? allAnthropicExchanges() : [];
type Json = Record<string, unknown>;

const meta = (model: unknown): ResponseMeta => ({
  requestId: 'req_replay',
  created: 0,
  model: typeof model === 'string' ? model : 'claude',
  provider: 'anthropic',
  vendor: 'anthropic',
});

/** The blocks the IR carries, in the fields it carries; empty text is no content. */
function carried(content: unknown, mergeText: boolean): Json[] {
  const blocks: Json[] = [];
  for (const block of (content ?? []) as Json[]) {
    let kept: Json | undefined;
    if (block.type === 'text' && block.text !== '') kept = { type: 'text', text: block.text };
    if (block.type === 'thinking') kept = { type: 'thinking', thinking: block.thinking, signature: block.signature };
    if (block.type === 'redacted_thinking') kept = { type: 'redacted_thinking', data: block.data };
    if (block.type === 'tool_use') kept = { type: 'tool_use', id: block.id, name: block.name, input: block.input };
    if (!kept) continue;
    const last = blocks.at(-1);
    // A stream's text blocks split by a server-tool block (left out of the IR) arrive as one run of deltas.
    if (mergeText && kept.type === 'text' && last?.type === 'text') last.text = `${last.text}${kept.text}`;
    else blocks.push(kept);
  }
  return blocks;
}

function usageFields(usage: unknown): Json {
  const value = (usage ?? {}) as Json;
  return {
    input_tokens: value.input_tokens,
    output_tokens: value.output_tokens,
    cache_creation_input_tokens: value.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: value.cache_read_input_tokens ?? 0,
  };
}

function sseText(exchange: RecordedExchange): string {
  if (exchange.body.kind !== 'sse') return '';
  return exchange.body.events.map((event) => `event: ${event.event ?? 'message'}\ndata: ${event.data}\n\n`).join('');
}

describeWithFixtures('Anthropic Messages surface: recorded traffic', () => {
  it('decodes every request body real clients sent, keeping tool calls and results', () => {
    const requests = exchanges.filter((exchange) => exchange.requestBody && exchange.status < 400);
    expect(requests.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const exchange of requests) {
      const body = exchange.requestBody as Json;
      try {
        const request = decodeMessagesRequest({
          body,
          headers: { 'anthropic-beta': 'fine-grained-tool-streaming-2025-05-14' },
        });
        const blocks = (body.messages as Json[]).flatMap((message) =>
          Array.isArray(message.content) ? message.content : [],
        );
        const toolUses = blocks.filter((block) => block.type === 'tool_use').length;
        const toolResults = blocks.filter((block) => block.type === 'tool_result').length;
        const calls = request.messages.flatMap((message) =>
          message.role === 'assistant' ? message.content.filter((part) => part.type === 'tool-call') : [],
        ).length;
        const results = request.messages.filter((message) => message.role === 'tool').length;
        if (calls !== toolUses || results !== toolResults)
          failures.push(`${exchange.name}: tool calls or results lost`);
        if (request.model !== body.model) failures.push(`${exchange.name}: model`);
      } catch (error) {
        failures.push(`${exchange.name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('sends every decoded request on to Anthropic, and to OpenAI or a 400 naming the feature it lacks', () => {
    const context = (model: string): ProviderContext => ({
      target: { baseUrl: 'https://upstream.test', apiKey: 'k', model },
      generateId: (prefix) => `${prefix}1`,
      now: () => 0,
    });
    const failures: string[] = [];
    let refused = 0;
    for (const exchange of exchanges.filter((candidate) => candidate.requestBody && candidate.status < 400)) {
      const body = exchange.requestBody as Json;
      const request = decodeMessagesRequest({ body, headers: {} });
      try {
        const sent = JSON.parse(encodeAnthropicRequest(request, context(String(body.model))).http.body) as Json;
        // Server tools and Anthropic-only fields survive the trip through the IR.
        const serverTools = ((body.tools ?? []) as Json[]).filter((tool) => tool.type && tool.type !== 'custom');
        const sentTools = (sent.tools ?? []) as Json[];
        for (const tool of serverTools)
          if (!sentTools.some((candidate) => candidate.type === tool.type))
            failures.push(`${exchange.name}: lost ${tool.type}`);
        for (const field of ['container', 'mcp_servers', 'context_management']) {
          if (body[field] !== undefined && sent[field] === undefined) failures.push(`${exchange.name}: lost ${field}`);
        }
      } catch (error) {
        failures.push(`${exchange.name} → Anthropic: ${(error as Error).message}`);
      }
      try {
        encodeOpenAIRequest(request, context('gpt-4o'));
      } catch (error) {
        const gatewayError = error as { status?: number; param?: string };
        if (gatewayError.status !== 400 || !gatewayError.param)
          failures.push(`${exchange.name} → OpenAI: ${String(error)}`);
        refused++;
      }
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(0);
  });

  it('re-encodes every recorded answer as the recording, on every field the IR carries', () => {
    const answers = exchanges.filter(
      (exchange) =>
        exchange.status === 200 && exchange.body.kind === 'json' && (exchange.body.value as Json)?.type === 'message',
    );
    expect(answers.length).toBeGreaterThan(50);
    for (const exchange of answers) {
      const recorded = (exchange.body as { value: Json }).value;
      const encoded = encodeMessagesResult(decodeAnthropicResponse(recorded), meta(recorded.model));
      const context = exchange.name;
      expect({ context, content: carried(encoded.content, false) }).toEqual({
        context,
        content: carried(recorded.content, false),
      });
      expect({ context, usage: usageFields(encoded.usage) }).toEqual({ context, usage: usageFields(recorded.usage) });
      if (recorded.stop_reason != null) {
        expect({ context, stop: [encoded.stop_reason, encoded.stop_sequence] }).toEqual({
          context,
          stop: [recorded.stop_reason, recorded.stop_sequence ?? null],
        });
      }
      const recordedCache = (recorded.usage as Json | undefined)?.cache_creation as Json | undefined;
      if (recordedCache) {
        const ours = encoded.usage.cache_creation;
        expect(ours.ephemeral_5m_input_tokens + ours.ephemeral_1h_input_tokens).toBe(
          Number(recordedCache.ephemeral_5m_input_tokens ?? 0) + Number(recordedCache.ephemeral_1h_input_tokens ?? 0),
        );
      }
    }
  });

  it('streams every recorded stream into the message the official SDK assembles from the recording', async () => {
    const streams = exchanges.filter((exchange) => exchange.status === 200 && exchange.body.kind === 'sse');
    let compared = 0;
    for (const exchange of streams) {
      const recordedText = sseText(exchange);
      let recorded: Json;
      try {
        recorded = (await accumulateWithSdk(recordedText)) as unknown as Json;
      } catch {
        continue; // an error event or several messages in one body: nothing for the SDK to assemble
      }
      // Programmatic tool calling resumes a message whose message_start already holds blocks; our
      // provider's stream decoder reads blocks from content_block_start only (a provider gap).
      const first = exchange.body.kind === 'sse' ? exchange.body.events[0] : undefined;
      const startContent = first ? ((JSON.parse(first.data) as Json).message as Json | undefined)?.content : undefined;
      if (Array.isArray(startContent) && startContent.length > 0) continue;
      const decoder = createAnthropicStreamDecoder();
      const parts: StreamPart[] = [];
      if (exchange.body.kind === 'sse') for (const event of exchange.body.events) parts.push(...decoder.push(event));
      parts.push(...decoder.end());
      if (parts.some((part) => part.type === 'error')) continue;
      const encoder = new MessagesStreamEncoder(meta(recorded.model));
      const ours = (await accumulateWithSdk(
        parts.map((part) => encoder.encode(part)).join('') + encoder.end(),
      )) as unknown as Json;
      const context = exchange.name;
      expect({ context, content: carried(ours.content, true) }).toEqual({
        context,
        content: carried(recorded.content, true),
      });
      expect({ context, usage: usageFields(ours.usage) }).toEqual({ context, usage: usageFields(recorded.usage) });
      expect({ context, stop: [ours.stop_reason, ours.stop_sequence] }).toEqual({
        context,
        stop: [recorded.stop_reason, recorded.stop_sequence ?? null],
      });
      compared++;
    }
    expect(compared).toBeGreaterThan(30);
  });
});
