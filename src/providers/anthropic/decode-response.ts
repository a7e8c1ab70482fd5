import { z } from 'zod';
import { type AssistantContentPart, type ChatResult, GatewayError } from '../../ir/index.js';
import { convertAnthropicUsage } from './convert-usage.js';
import { anthropicErrorFromObject, readAnthropicErrorEnvelope } from './errors.js';
import { mapAnthropicStopReason } from './map-stop-reason.js';

/** Lenient: unknown fields and unknown block types are tolerated. */
const blockSchema = z.looseObject({ type: z.string() });
const messageSchema = z.looseObject({
  id: z.string().optional(),
  model: z.string().optional(),
  content: z.array(blockSchema),
  stop_reason: z.string().nullish(),
  stop_sequence: z.string().nullish(),
  stop_details: z.looseObject({ explanation: z.string().nullish() }).nullish(),
  usage: z.record(z.string(), z.unknown()).nullish(),
});

type AnthropicBlock = z.infer<typeof blockSchema>;

/**
 * Decodes a non-streaming Messages response. A 200 body that is Anthropic's error envelope is
 * thrown as the matching GatewayError.
 */
export function decodeAnthropicResponse(body: unknown): ChatResult {
  const envelope = readAnthropicErrorEnvelope(body);
  if (envelope) throw anthropicErrorFromObject(envelope, { status: 200 });
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) {
    throw new GatewayError({ kind: 'upstream_error', message: 'Anthropic returned a response that is not a message.' });
  }
  const message = parsed.data;
  const content = message.content.flatMap(convertBlock);
  const explanation = message.stop_details?.explanation;
  if (message.stop_reason === 'refusal' && explanation) content.push({ type: 'refusal', text: explanation });

  const result: ChatResult = {
    choices: [{ index: 0, content, finishReason: mapAnthropicStopReason(message.stop_reason, message.stop_sequence) }],
  };
  if (message.id !== undefined) result.id = message.id;
  if (message.model !== undefined) result.model = message.model;
  if (message.usage) result.usage = convertAnthropicUsage(message.usage);
  return result;
}

/**
 * One content block to IR parts. Server-tool blocks (`server_tool_use`, `web_search_tool_result`,
 * `mcp_tool_use`, ...) and other blocks without an IR form are left out.
 */
export function convertBlock(block: AnthropicBlock): AssistantContentPart[] {
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' ? [{ type: 'text', text: block.text }] : [];
    case 'thinking': {
      const text = typeof block.thinking === 'string' ? block.thinking : '';
      const signature = typeof block.signature === 'string' && block.signature !== '' ? block.signature : undefined;
      return [signature === undefined ? { type: 'reasoning', text } : { type: 'reasoning', text, signature }];
    }
    case 'redacted_thinking':
      return typeof block.data === 'string' ? [{ type: 'reasoning', text: '', redactedData: block.data }] : [];
    case 'tool_use':
      if (typeof block.id !== 'string' || typeof block.name !== 'string') return [];
      return [{ type: 'tool-call', id: block.id, name: block.name, arguments: JSON.stringify(block.input ?? {}) }];
    default:
      return [];
  }
}
