/**
 * Claude Code's request shape (claude-code-session.ts) replayed through the real server against
 * every upstream family: a two-turn session (thinking and a tool call, then the tool's result
 * with the thinking block sent back), streamed, read with the official SDK. On the Claude channel
 * the body must reach Anthropic exactly as the client sent it and the beta header must be
 * forwarded; translated, the 20 tools and their schemas must reach the vendor.
 */
import type Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureFor } from '../emulators/index.js';
import { FAMILIES, type Family } from './anthropic-sdk-families.js';
import {
  CLAUDE_CODE_BETAS,
  CLAUDE_CODE_TOOLS,
  CLAUDE_CODE_USER_AGENT,
  claudeCodeClient,
  firstTurn,
  nextTurn,
  type SentRequest,
} from './claude-code-session.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => gateway?.close());

async function streamTurn(
  client: Anthropic,
  params: Anthropic.Beta.MessageCreateParamsStreaming,
): Promise<Anthropic.Beta.BetaMessage> {
  return client.beta.messages
    .stream({ ...params, betas: CLAUDE_CODE_BETAS }, { query: { beta: 'true' } })
    .finalMessage();
}

/** The tool names the vendor received, whatever its wire format. */
function upstreamToolNames(family: Family, body: any): string[] {
  if (family.model.startsWith('gemini'))
    return body.tools.flatMap((tool: any) => tool.functionDeclarations ?? []).map((f: any) => f.name);
  if (family.passThrough) return body.tools.map((tool: any) => tool.name);
  return body.tools.map((tool: any) => tool.function.name);
}

describe('Claude Code’s requests through the Messages surface', () => {
  it.each(FAMILIES)('runs a two-turn Claude Code session on $model', async (family) => {
    const upstream = family.upstream(gateway);
    const sent: SentRequest[] = [];
    const client = claudeCodeClient(gateway.origin, ADMIN_KEY, sent);
    upstream.enqueue({
      toolCalls: [{ name: 'Read', arguments: { file_path: '/repo/README.md' } }],
      usage: family.passThrough ? { inputTokens: 30_000, outputTokens: 80, cacheWriteTokens: 20_000 } : undefined,
    });

    const first = firstTurn(family.model);
    const answer = await streamTurn(client, first);
    expect(answer.stop_reason).toBe('tool_use');
    const call = answer.content.find((block) => block.type === 'tool_use');
    expect(call).toMatchObject({ type: 'tool_use', name: 'Read', input: { file_path: '/repo/README.md' } });
    const thinking = answer.content.find((block) => block.type === 'thinking');
    if (family.model.startsWith('gpt')) {
      // OpenAI's Chat Completions reasons out of sight: no thinking block, but it was asked to reason.
      expect(thinking).toBeUndefined();
      expect(upstream.requests.at(-1)?.body.reasoning_effort).toBeTruthy();
    } else {
      expect(thinking?.type === 'thinking' && thinking.thinking.length > 0).toBe(true);
    }

    const firstSent = upstream.requests.at(-1);
    expect(upstreamToolNames(family, firstSent?.body)).toEqual(CLAUDE_CODE_TOOLS.map((tool) => tool.name));
    if (family.passThrough) {
      // Untouched: the body Anthropic received is the body the client sent (the model is the same name).
      expect(firstSent?.body).toEqual(JSON.parse(sent[0]?.body ?? ''));
      expect(firstSent?.headers['anthropic-beta']).toBe(CLAUDE_CODE_BETAS.join(','));
      expect(firstSent?.headers['anthropic-version']).toBe(sent[0]?.headers.get('anthropic-version'));
      expect(firstSent?.headers.authorization ?? '').not.toContain(ADMIN_KEY);
      expect(firstSent?.headers['x-api-key']).toBe('test-key');
      // The one-hour breakpoint (tools and the identity line) and the five-minute rest, in Anthropic's fields.
      expect(answer.usage.cache_creation_input_tokens).toBe(20_000);
      expect(answer.usage.cache_creation?.ephemeral_1h_input_tokens).toBeGreaterThan(0);
      expect(answer.usage.cache_creation?.ephemeral_5m_input_tokens).toBeGreaterThan(0);
    }

    const second = nextTurn(first, answer, call?.type === 'tool_use' ? call.id : '');
    const final = await streamTurn(client, second);
    expect(final.stop_reason).toBe('end_turn');
    expect(final.content.at(-1)).toMatchObject({ type: 'text', text: expect.stringContaining('tool result') });
    expect(final.content.at(-1)).toMatchObject({ text: expect.stringContaining('A small demo repository') });

    const secondSent = upstream.requests.at(-1)?.body;
    if (family.passThrough) {
      expect(secondSent).toEqual(JSON.parse(sent[1]?.body ?? ''));
      const replayed = secondSent.messages[1].content[0];
      expect(replayed).toEqual({
        type: 'thinking',
        thinking: thinking?.type === 'thinking' ? thinking.thinking : '',
        signature: signatureFor(thinking?.type === 'thinking' ? thinking.thinking : ''),
      });
    }
    if (family.model.startsWith('gemini')) {
      const modelTurn = secondSent.contents[1];
      const signatures = modelTurn.parts.map((part: { thoughtSignature?: string }) => part.thoughtSignature);
      expect(signatures).toContain(signatureFor(thinking?.type === 'thinking' ? thinking.thinking : ''));
    }
  });

  it('sends Claude Code’s headers and query to AIHub as the SDK builds them', async () => {
    const sent: SentRequest[] = [];
    const client = claudeCodeClient(gateway.origin, ADMIN_KEY, sent);
    const answer = await streamTurn(client, { ...firstTurn('claude-sonnet-4-5'), tools: [] });
    expect(answer.content.at(-1)?.type).toBe('text');
    const request = sent[0];
    expect(request?.url).toMatch(/\/v1\/messages\?beta=true$/);
    const headers = request?.headers;
    expect(headers?.get('authorization')).toBe(`Bearer ${ADMIN_KEY}`);
    expect(headers?.get('x-api-key')).toBeNull();
    expect(headers?.get('x-app')).toBe('cli');
    expect(headers?.get('user-agent')).toBe(CLAUDE_CODE_USER_AGENT);
    expect(headers?.get('anthropic-dangerous-direct-browser-access')).toBe('true');
    expect(headers?.get('anthropic-beta')).toBe(CLAUDE_CODE_BETAS.join(','));
    expect(headers?.get('x-stainless-lang')).toBe('js');
    // AIHub forwards the client's beta list and API version to Claude.
    const upstream = gateway.anthropic.requests.at(-1);
    expect(upstream?.headers['anthropic-beta']).toBe(CLAUDE_CODE_BETAS.join(','));
    expect(upstream?.headers['anthropic-version']).toBe(headers?.get('anthropic-version'));
  });
});
