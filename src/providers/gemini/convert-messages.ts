import { type AssistantMessage, GatewayError, type Message, type UserMessage } from '../../ir/index.js';
import { convertAudio, convertBinarySource } from './convert-media.js';
import { convertToolResult } from './convert-tool-result.js';
import { fillMissingThoughtSignatures } from './thought-signature.js';
import type { GeminiContent, GeminiPart, GeminiRole } from './wire-types.js';

export interface ConvertedMessages {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiPart[] };
}

/**
 * IR messages to Gemini `contents` plus `systemInstruction`:
 * - system and developer messages, wherever they are, become `systemInstruction.parts`;
 * - user and tool messages become `user` turns, assistant messages `model` turns;
 * - consecutive turns of the same role are merged (Gemini expects alternating turns);
 * - turns left without parts are dropped (Gemini rejects empty `parts`).
 */
export function convertMessages(messages: Message[], model: string): ConvertedMessages {
  const systemParts: GeminiPart[] = [];
  const contents: GeminiContent[] = [];
  const toolNamesById = new Map<string, string>();

  const append = (role: GeminiRole, parts: GeminiPart[]) => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  };

  messages.forEach((message, index) => {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        for (const part of message.content) if (part.text !== '') systemParts.push({ text: part.text });
        break;
      case 'user':
        append('user', convertUserContent(message, param));
        break;
      case 'assistant':
        for (const part of message.content) {
          if (part.type === 'tool-call') toolNamesById.set(part.id, part.name);
        }
        append('model', convertAssistantContent(message, param));
        break;
      case 'tool':
        append('user', convertToolResult(message, toolNamesById.get(message.toolCallId), param));
        break;
      default: {
        const unexpected: never = message;
        throw new GatewayError({
          kind: 'invalid_request',
          message: `Unsupported message: ${JSON.stringify(unexpected)}`,
        });
      }
    }
  });

  return {
    contents: fillMissingThoughtSignatures(contents, model),
    ...(systemParts.length > 0 ? { systemInstruction: { parts: systemParts } } : {}),
  };
}

function convertUserContent(message: UserMessage, param: string): GeminiPart[] {
  return message.content.map((part, index): GeminiPart => {
    const partParam = `${param}.content[${index}]`;
    switch (part.type) {
      case 'text':
        return { text: part.text };
      case 'image':
        return convertBinarySource(part.source, undefined, partParam);
      case 'file':
        return convertBinarySource(part.source, part.mediaType, partParam);
      case 'audio':
        return convertAudio(part);
      default: {
        const unexpected: never = part;
        throw new GatewayError({
          kind: 'invalid_request',
          message: `Unsupported content: ${JSON.stringify(unexpected)}`,
        });
      }
    }
  });
}

/**
 * Assistant parts keep their thought signatures where Gemini put them. Reasoning is replayed as a
 * `thought` part only when it carries a signature (an unsigned summary adds nothing for the model);
 * Anthropic's redacted thinking has no Gemini form and is dropped.
 */
function convertAssistantContent(message: AssistantMessage, param: string): GeminiPart[] {
  const parts: GeminiPart[] = [];
  message.content.forEach((part, index) => {
    switch (part.type) {
      case 'text':
        if (part.signature) parts.push({ text: part.text, thoughtSignature: part.signature });
        else if (part.text !== '') parts.push({ text: part.text });
        break;
      case 'refusal':
        if (part.text !== '') parts.push({ text: part.text });
        break;
      case 'reasoning':
        // Only Gemini's own signatures are replayed: another vendor's would be rejected.
        if (part.signature && part.redactedData === undefined && (part.signatureProvider ?? 'gemini') === 'gemini') {
          parts.push({ text: part.text, thought: true, thoughtSignature: part.signature });
        }
        break;
      case 'generated-image':
        // An image the model made goes back as it came, with its signature when Gemini issued it
        // (Gemini 3 image models check it on edits); another vendor's signature is dropped.
        parts.push({
          inlineData: { mimeType: part.mediaType, data: part.data },
          ...(part.signature && (part.signatureProvider ?? 'gemini') === 'gemini'
            ? { thoughtSignature: part.signature }
            : {}),
        });
        break;
      case 'tool-call': {
        const args = parseToolArguments(part.arguments, `${param}.content[${index}].arguments`);
        parts.push({
          functionCall: { name: part.name, args },
          ...(part.signature ? { thoughtSignature: part.signature } : {}),
        });
        break;
      }
      default: {
        const unexpected: never = part;
        throw new GatewayError({
          kind: 'invalid_request',
          message: `Unsupported content: ${JSON.stringify(unexpected)}`,
        });
      }
    }
  });
  return parts;
}

/** Tool-call arguments are JSON text in the IR; Gemini wants the object. Empty text means `{}`. */
function parseToolArguments(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new GatewayError({ kind: 'invalid_request', message: 'Tool call arguments are not valid JSON.', param });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GatewayError({ kind: 'invalid_request', message: 'Tool call arguments must be a JSON object.', param });
  }
  return value as Record<string, unknown>;
}
