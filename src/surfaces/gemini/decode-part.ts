import { z } from 'zod';
import type { AudioPart, FilePart, ImagePart, ReasoningPart } from '../../ir/index.js';
import { PartialArguments } from '../../providers/gemini/partial-arguments.js';
import { partialArgumentSchema } from '../../providers/gemini/response-schema.js';
import {
  asBoolean,
  asObject,
  asString,
  childPath,
  fieldOf,
  invalidArgument,
  invalidValue,
  type JsonObject,
  optionalField,
  requiredField,
} from './json-reader.js';
import { openReasoningSignature } from './reasoning-signature.js';

/**
 * One Gemini `Part`, read and checked, before the role of its content decides what it becomes
 * (decode-contents.ts). Media becomes IR parts here; calls and responses keep their raw pieces so
 * ids can be matched across contents.
 */
export type DecodedPart =
  | { kind: 'text'; text: string; signature?: string }
  | { kind: 'thought'; reasoning: ReasoningPart }
  /** `signature`: the thoughtSignature on the part, as sent (a model turn's image carries one). */
  | { kind: 'media'; part: ImagePart | FilePart | AudioPart; signature?: string }
  | { kind: 'function-call'; name: string; args: JsonObject; id?: string; signature?: string }
  | { kind: 'function-response'; name: string; response: JsonObject; id?: string; media: Array<ImagePart | FilePart> }
  /** A data field the IR has no form for (`toolCall`, `videoMetadata` alone...): left out of the IR. */
  | { kind: 'other' };

/** Fields that describe a part rather than hold its data. */
const METADATA_FIELDS = new Set(['thought', 'thoughtSignature', 'thought_signature', 'partMetadata', 'part_metadata']);

export function decodePart(value: unknown, path: string): DecodedPart {
  const part = asObject(value, path, 'Part');
  const thought = optionalField(part, 'thought', path, asBoolean) === true;
  const signature = optionalField(part, 'thoughtSignature', path, asString);

  const text = optionalField(part, 'text', path, asString);
  if (text !== undefined) {
    if (!thought) return signature ? { kind: 'text', text, signature } : { kind: 'text', text };
    return {
      kind: 'thought',
      reasoning: { type: 'reasoning', text, ...(signature ? openReasoningSignature(signature) : {}) },
    };
  }
  const inlineData = optionalField(part, 'inlineData', path, decodeInlineData);
  if (inlineData)
    return signature ? { kind: 'media', part: inlineData, signature } : { kind: 'media', part: inlineData };
  const fileData = optionalField(part, 'fileData', path, decodeFileData);
  if (fileData) return { kind: 'media', part: fileData };
  const call = fieldOf(part, 'functionCall');
  if (call !== undefined && call !== null) return decodeFunctionCall(call, childPath(path, 'functionCall'), signature);
  const response = fieldOf(part, 'functionResponse');
  if (response !== undefined && response !== null) {
    return decodeFunctionResponse(response, childPath(path, 'functionResponse'));
  }
  const code = optionalField(part, 'executableCode', path, decodeExecutableCode);
  if (code !== undefined) return { kind: 'text', text: code };
  const result = optionalField(part, 'codeExecutionResult', path, decodeCodeExecutionResult);
  if (result !== undefined) return { kind: 'text', text: result };

  if (thought && signature) {
    // A bare signed thought (Gemini streams the signature alone at the end of a thought).
    return { kind: 'thought', reasoning: { type: 'reasoning', text: '', ...openReasoningSignature(signature) } };
  }
  if (Object.keys(part).every((key) => METADATA_FIELDS.has(key))) {
    throw invalidArgument(
      `Invalid value at '${path}': required oneof field 'data' must have one initialized field`,
      path,
    );
  }
  return { kind: 'other' };
}

function decodeInlineData(value: unknown, path: string): ImagePart | FilePart | AudioPart {
  const blob = asObject(value, path, 'Blob');
  const mimeType = requiredField(blob, 'mimeType', path, asString).toLowerCase();
  const data = requiredField(blob, 'data', path, asString);
  if (mimeType.startsWith('image/')) return { type: 'image', source: { kind: 'base64', mediaType: mimeType, data } };
  if (mimeType.startsWith('audio/')) return { type: 'audio', data, format: audioFormat(mimeType) };
  return { type: 'file', source: { kind: 'base64', mediaType: mimeType, data }, mediaType: mimeType };
}

/** `audio/mpeg` → `mp3`, `audio/x-wav` → `wav`: the names OpenAI's `input_audio.format` takes. */
function audioFormat(mimeType: string): string {
  const subtype = mimeType.slice('audio/'.length).split(';')[0]?.trim() ?? '';
  if (subtype === 'mpeg' || subtype === 'mp3') return 'mp3';
  if (subtype === 'x-wav' || subtype === 'wave' || subtype === 'wav') return 'wav';
  return subtype || 'wav';
}

function decodeFileData(value: unknown, path: string): ImagePart | FilePart {
  const file = asObject(value, path, 'FileData');
  const fileUri = requiredField(file, 'fileUri', path, asString);
  const mimeType = optionalField(file, 'mimeType', path, asString)?.toLowerCase();
  if (mimeType?.startsWith('image/')) return { type: 'image', source: { kind: 'url', url: fileUri } };
  const part: FilePart = { type: 'file', source: { kind: 'url', url: fileUri } };
  if (mimeType) part.mediaType = mimeType;
  return part;
}

function decodeFunctionCall(value: unknown, path: string, signature: string | undefined): DecodedPart {
  const call = asObject(value, path, 'FunctionCall');
  const name = requiredField(call, 'name', path, asString);
  let args = optionalField(call, 'args', path, (v, p) => asObject(v, p, 'google.protobuf.Struct')) ?? {};
  // A call streamed with `streamFunctionCallArguments` may come back in history as its pieces.
  const pieces = optionalField(call, 'partialArgs', path, (v, p) => {
    const parsed = z.array(partialArgumentSchema).safeParse(v);
    if (!parsed.success) throw invalidValue(p, 'PartialArg', v);
    return parsed.data;
  });
  if (pieces) {
    const assembled = new PartialArguments(args);
    assembled.apply(pieces);
    args = JSON.parse(assembled.toJson()) as JsonObject;
  }
  const id = optionalField(call, 'id', path, asString);
  return { kind: 'function-call', name, args, ...(id ? { id } : {}), ...(signature ? { signature } : {}) };
}

function decodeFunctionResponse(value: unknown, path: string): DecodedPart {
  const response = asObject(value, path, 'FunctionResponse');
  const name = requiredField(response, 'name', path, asString);
  const body = requiredField(response, 'response', path, (v, p) => asObject(v, p, 'google.protobuf.Struct'));
  const id = optionalField(response, 'id', path, asString);
  // Multimodal function responses carry their images and files in `parts`.
  const media: Array<ImagePart | FilePart> = [];
  const parts = optionalField(response, 'parts', path, (v, p) => {
    if (!Array.isArray(v)) throw invalidArgument(`Invalid value at '${p}' (repeated), not a list`, p);
    return v;
  });
  parts?.forEach((item, index) => {
    const itemPath = `${childPath(path, 'parts')}[${index}]`;
    const object = asObject(item, itemPath, 'FunctionResponsePart');
    const decoded =
      optionalField(object, 'inlineData', itemPath, decodeInlineData) ??
      optionalField(object, 'fileData', itemPath, decodeFileData);
    if (decoded) media.push(decoded.type === 'audio' ? audioAsFile(decoded) : decoded);
  });
  return { kind: 'function-response', name, response: body, media, ...(id ? { id } : {}) };
}

/** Tool results take no audio part in the IR: the clip travels as a file. */
function audioAsFile(audio: AudioPart): FilePart {
  const mediaType = `audio/${audio.format}`;
  return { type: 'file', source: { kind: 'base64', mediaType, data: audio.data }, mediaType };
}

/**
 * Code Gemini ran with its code-execution tool, and its output. Another vendor cannot run it again,
 * but it can read what was run and what came out, so both become text.
 */
function decodeExecutableCode(value: unknown, path: string): string {
  const code = asObject(value, path, 'ExecutableCode');
  const language = optionalField(code, 'language', path, asString) ?? '';
  const source = optionalField(code, 'code', path, asString) ?? '';
  return `\`\`\`${language.toLowerCase() === 'python' ? 'python' : ''}\n${source}\n\`\`\``;
}

function decodeCodeExecutionResult(value: unknown, path: string): string {
  const result = asObject(value, path, 'CodeExecutionResult');
  const outcome = optionalField(result, 'outcome', path, asString) ?? 'OUTCOME_OK';
  const output = optionalField(result, 'output', path, asString) ?? '';
  return outcome === 'OUTCOME_OK' ? `Output:\n${output}` : `Execution failed (${outcome}):\n${output}`;
}
