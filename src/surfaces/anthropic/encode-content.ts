import type { AssistantContentPart, ReasoningPart } from '../../ir/index.js';
import { sealSignature } from '../common/signature-seal.js';
import { joinToolCallId } from '../common/tool-call-id.js';

export type AnthropicContentBlock =
  | { type: 'text'; text: string }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/**
 * IR answer parts → Messages content blocks, in order. `issuer` is the vendor that served the
 * answer (ResponseMeta.provider): a reasoning signature it issued is sealed with its name unless it
 * is Anthropic's own, so that the client's next turn says whom it belongs to. A Gemini function
 * call's signature rides inside the tool_use id, the one field every client echoes back.
 *
 * Refusal parts are not here: see `refusalText` (Anthropic puts a refusal's explanation in
 * `stop_details`, and other vendors' refusal text becomes a text block only when the stop is not a
 * refusal). Unsigned reasoning (DeepSeek, OpenAI-compatible vendors) is a thinking block with an empty
 * signature: the block must have one, and an empty one is dropped again on the way back.
 */
export function encodeContentBlocks(parts: AssistantContentPart[], issuer: string): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  for (const part of parts) {
    switch (part.type) {
      case 'text':
        blocks.push({ type: 'text', text: part.text });
        break;
      case 'refusal':
        break;
      case 'generated-image':
        // Messages has no image output block, and inventing one would break Anthropic's SDKs
        // (they reject unknown block types in strict parsers). A note in the text would be replayed
        // to the model as if it had said it. So the image is left out: a client that wants
        // generated images asks through Chat Completions (message.images) or Responses.
        break;
      case 'reasoning':
        blocks.push(encodeReasoning(part, issuer));
        break;
      case 'tool-call':
        blocks.push({
          type: 'tool_use',
          id: joinToolCallId(part.id, part.signature),
          name: part.name,
          input: parseToolInput(part.arguments),
        });
        break;
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }
  return blocks;
}

/** The refusal text of an answer (OpenAI `refusal`, Anthropic's `stop_details.explanation`), if any. */
export function refusalText(parts: AssistantContentPart[]): string | undefined {
  const refusals = parts.filter((part) => part.type === 'refusal').map((part) => part.text);
  return refusals.length > 0 ? refusals.join('') : undefined;
}

function encodeReasoning(part: ReasoningPart, servedBy: string): AnthropicContentBlock {
  const issuer = part.signatureProvider ?? servedBy;
  if (part.redactedData !== undefined) {
    return { type: 'redacted_thinking', data: sealSignature('anthropic', issuer, part.redactedData) };
  }
  const signature = part.signature ? sealSignature('anthropic', issuer, part.signature) : '';
  return { type: 'thinking', thinking: part.text, signature };
}

/**
 * Decision: `input` must be an object. Arguments that are not a JSON object (a call cut off by
 * max_tokens, a vendor's malformed JSON) become `{}` rather than a 500: the client sees the call,
 * and `stop_reason` (`max_tokens`) tells it the call is incomplete. The stream carries the raw
 * text in `input_json_delta`, so streaming clients see exactly what the model produced.
 */
export function parseToolInput(argumentsText: string): Record<string, unknown> {
  if (argumentsText.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(argumentsText);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
