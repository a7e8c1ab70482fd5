import { GatewayError, type ToolMessage } from '../../ir/index.js';
import { convertBinarySource } from './convert-media.js';
import type { GeminiPart } from './wire-types.js';

/**
 * A tool message to Gemini parts: one `functionResponse {name, response}` (Gemini wants a JSON
 * object as the response: a result text that is a JSON object is sent as is, anything else as
 * `{result: text}`), followed by any images or files of the result as inline parts. A failed call
 * (Anthropic's `is_error`) goes under the `error` key, which Gemini reads as the call's error
 * details rather than its output.
 */
export function convertToolResult(message: ToolMessage, toolName: string | undefined, param: string): GeminiPart[] {
  const name = message.toolName ?? toolName;
  if (!name) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `Tool message for call "${message.toolCallId}" has no tool name and no matching earlier tool call.`,
      param,
    });
  }
  const text = message.content
    .filter((part) => part.type === 'text')
    .map((part) => part.text)
    .join('');
  const result = toResponseObject(text);
  // A Gemini client's failed call already holds `{error: …}` as its text: not wrapped twice.
  const alreadyError = Object.keys(result).length === 1 && 'error' in result;
  const response = message.isError && !alreadyError ? { error: result } : result;
  const parts: GeminiPart[] = [{ functionResponse: { name, response } }];
  message.content.forEach((part, index) => {
    if (part.type === 'image') parts.push(convertBinarySource(part.source, undefined, `${param}.content[${index}]`));
    if (part.type === 'file')
      parts.push(convertBinarySource(part.source, part.mediaType, `${param}.content[${index}]`));
  });
  return parts;
}

function toResponseObject(text: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      // not JSON: sent as text below
    }
  }
  return { result: text };
}
