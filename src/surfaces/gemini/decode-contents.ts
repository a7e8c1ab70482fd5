import type {
  AssistantContentPart,
  AudioPart,
  FilePart,
  GeneratedImagePart,
  ImagePart,
  Message,
  TextPart,
  ToolCallPart,
  ToolMessage,
  ToolResultContentPart,
  UserContentPart,
} from '../../ir/index.js';
import { openSignature } from '../common/signature-seal.js';
import { type DecodedPart, decodePart } from './decode-part.js';
import { asArray, asObject, asString, invalidArgument, optionalField } from './json-reader.js';

/**
 * Gemini `contents` to IR messages. A `model` content becomes one assistant message; a `user`
 * content becomes tool messages (one per `functionResponse`, in order) and user messages (the
 * other parts between them). The legacy `function` role is read as `user`, and a missing role as
 * `user` (Google's own default for single-turn requests).
 *
 * Gemini matches a function response to its call by name (and, where the client kept one, by id);
 * the IR matches by id. A call without an id gets one from its position (`call_<content>_<n>`),
 * stable as the conversation grows, and a response without an id takes the id of the oldest
 * unanswered call of the same name.
 */
export function decodeContents(value: unknown, path: string): Message[] {
  const contents = asArray(value, path);
  const calls = new PendingCalls();
  const messages: Message[] = [];
  contents.forEach((item, index) => {
    const contentPath = `${path}[${index}]`;
    const content = asObject(item, contentPath, 'Content');
    const role = optionalField(content, 'role', contentPath, asString) ?? 'user';
    const rawParts = optionalField(content, 'parts', contentPath, asArray) ?? [];
    if (rawParts.length === 0) {
      throw invalidArgument(
        `* GenerateContentRequest.${contentPath}.parts: contents.parts must not be empty.`,
        `${contentPath}.parts`,
      );
    }
    const parts = rawParts.map((part, partIndex) => decodePart(part, `${contentPath}.parts[${partIndex}]`));
    if (role === 'model') messages.push(...modelMessages(parts, index, calls));
    else if (role === 'user' || role === 'function') messages.push(...userMessages(parts, index, calls, contentPath));
    else throw invalidArgument('Please use a valid role: user, model.', `${contentPath}.role`);
  });
  return messages;
}

/** Calls not yet answered, oldest first, to give an id-less response the id of its call. */
class PendingCalls {
  private readonly open: Array<{ id: string; name: string }> = [];

  add(id: string, name: string): void {
    this.open.push({ id, name });
  }

  /**
   * The id to answer: the call with the given id, else the oldest open call of that name (clients
   * invent response ids for calls that had none), else the given id.
   */
  answer(name: string, id: string | undefined): string | undefined {
    let at = id ? this.open.findIndex((call) => call.id === id) : -1;
    if (at < 0) at = this.open.findIndex((call) => call.name === name);
    if (at >= 0) return this.open.splice(at, 1)[0]?.id ?? id;
    return id;
  }
}

/**
 * A model turn is one assistant message, except where it holds function responses itself (Google's
 * SDK records server-side MCP calls that way: call, response and answer in one model turn): each
 * response then sits between the assistant parts before and after it, as a tool message.
 */
function modelMessages(parts: DecodedPart[], contentIndex: number, calls: PendingCalls): Message[] {
  const messages: Message[] = [];
  let content: AssistantContentPart[] = [];
  const flush = () => {
    if (content.length > 0) messages.push({ role: 'assistant', content });
    content = [];
  };
  let callCount = 0;
  parts.forEach((part, partIndex) => {
    switch (part.kind) {
      case 'text':
        content.push(withGeminiSignature<TextPart>({ type: 'text', text: part.text }, part.signature));
        break;
      case 'thought':
        content.push(part.reasoning);
        break;
      case 'function-call': {
        const id = part.id ?? `call_${contentIndex}_${callCount}`;
        callCount += 1;
        calls.add(id, part.name);
        const call = withGeminiSignature<ToolCallPart>(
          { type: 'tool-call', id, name: part.name, arguments: JSON.stringify(part.args) },
          part.signature,
        );
        content.push(call);
        break;
      }
      case 'function-response':
        flush();
        messages.push(toolMessage(part, calls, `call_${contentIndex}_r${partIndex}`));
        break;
      case 'media': {
        const image = generatedImage(part.part, part.signature);
        if (image) content.push(image);
        // Other media in a model turn (audio, files) has no assistant form in the IR; Gemini pass-through keeps it.
        break;
      }
      case 'other':
        // Unknown parts have no assistant form in the IR; Gemini pass-through keeps them.
        break;
      default: {
        const unexpected: never = part;
        throw new Error(`Unhandled part: ${JSON.stringify(unexpected)}`);
      }
    }
  });
  flush();
  return messages;
}

/**
 * Signatures on text and function-call parts are always Gemini's (no other vendor signs those), and
 * the IR keeps them without an issuer: a sealed foreign one found there is dropped.
 */
function withGeminiSignature<T extends { signature?: string }>(part: T, sealed: string | undefined): T {
  if (!sealed) return part;
  const { signature, issuer } = openSignature('gemini', sealed);
  if (issuer === 'gemini') part.signature = signature;
  return part;
}

/** An inline image in a model turn is one the model generated: replayed with its signature. */
function generatedImage(
  part: ImagePart | FilePart | AudioPart,
  sealed: string | undefined,
): GeneratedImagePart | undefined {
  if (part.type !== 'image' || part.source.kind !== 'base64') return undefined;
  const image: GeneratedImagePart = {
    type: 'generated-image',
    mediaType: part.source.mediaType,
    data: part.source.data,
  };
  if (sealed) {
    const { signature, issuer } = openSignature('gemini', sealed);
    image.signature = signature;
    image.signatureProvider = issuer;
  }
  return image;
}

function userMessages(parts: DecodedPart[], contentIndex: number, calls: PendingCalls, path: string): Message[] {
  const messages: Message[] = [];
  let pending: UserContentPart[] = [];
  const flush = () => {
    if (pending.length > 0) messages.push({ role: 'user', content: pending });
    pending = [];
  };
  parts.forEach((part, partIndex) => {
    switch (part.kind) {
      case 'text':
        pending.push({ type: 'text', text: part.text });
        break;
      case 'thought':
        // A thought in a user turn is just text the client wrote.
        pending.push({ type: 'text', text: part.reasoning.text });
        break;
      case 'media':
        pending.push(part.part);
        break;
      case 'function-response':
        flush();
        messages.push(toolMessage(part, calls, `call_${contentIndex}_r${partIndex}`));
        break;
      case 'function-call':
        throw invalidArgument(
          'A function call must be in a content with role "model".',
          `${path}.parts[${partIndex}].function_call`,
        );
      case 'other':
        break;
      default: {
        const unexpected: never = part;
        throw new Error(`Unhandled part: ${JSON.stringify(unexpected)}`);
      }
    }
  });
  flush();
  return messages;
}

/**
 * Gemini's convention for a function's result is `{output: …}` or `{error: …}`: a response that
 * holds only `error` is a failed call. The IR carries the result as the JSON text of `response`.
 */
function toolMessage(
  part: Extract<DecodedPart, { kind: 'function-response' }>,
  calls: PendingCalls,
  fallbackId: string,
): ToolMessage {
  const id = calls.answer(part.name, part.id) ?? fallbackId;
  const content: ToolResultContentPart[] = [{ type: 'text', text: JSON.stringify(part.response) }, ...part.media];
  const message: ToolMessage = { role: 'tool', toolCallId: id, toolName: part.name, content };
  const keys = Object.keys(part.response);
  if (keys.length === 1 && keys[0] === 'error') message.isError = true;
  return message;
}
