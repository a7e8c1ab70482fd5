import { z } from 'zod';
import type {
  AssistantContentPart,
  CacheControl,
  FilePart,
  ImagePart,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultContentPart,
  UserContentPart,
} from '../../ir/index.js';
import { openSignature } from '../common/signature-seal.js';
import { splitToolCallId } from '../common/tool-call-id.js';
import { type FieldPath, invalidAt, isRecord, parseAt } from './invalid-request.js';
import { cacheControlSchema } from './request-schema.js';

/**
 * Content blocks of a Messages request → IR content parts, one block at a time so that every 400
 * names the block's path (`messages.2.content.0.source.data: ...`).
 *
 * Blocks with no IR form (server-tool calls and results the client replays, `search_result`,
 * `container_upload`, `compaction`, mid-conversation `tool_addition`...) are Anthropic-only: they
 * are left out of the IR (`undefined`). Such conversations also declare the server tools, which
 * other vendors refuse; and the same-vendor pass-through sends the client's body untouched anyway.
 */

const cacheControl = cacheControlSchema.nullish();

const textBlock = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl });

const base64Source = z.looseObject({ type: z.literal('base64'), media_type: z.string(), data: z.string() });
const urlSource = z.looseObject({ type: z.literal('url'), url: z.string() });
const fileSource = z.looseObject({ type: z.literal('file'), file_id: z.string() });
const imageBlock = z.looseObject({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, fileSource]),
  cache_control: cacheControl,
});

const plainTextSource = z.looseObject({ type: z.literal('text'), media_type: z.string().optional(), data: z.string() });
const contentSource = z.looseObject({
  type: z.literal('content'),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string() }))]),
});
const documentBlock = z.looseObject({
  type: z.literal('document'),
  source: z.discriminatedUnion('type', [base64Source, urlSource, plainTextSource, contentSource, fileSource]),
  title: z.string().nullish(),
  citations: z.looseObject({ enabled: z.boolean().nullish() }).nullish(),
  cache_control: cacheControl,
});

const thinkingBlock = z.looseObject({ type: z.literal('thinking'), thinking: z.string(), signature: z.string() });
const redactedThinkingBlock = z.looseObject({ type: z.literal('redacted_thinking'), data: z.string() });
const toolUseBlock = z.looseObject({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.record(z.string(), z.unknown()),
});

/** A block's `type`, checked: a non-object or a block without a string `type` is a 400. */
export function blockType(block: unknown, path: FieldPath): string {
  if (!isRecord(block)) throw invalidAt(path, 'Input should be a valid dictionary or object');
  if (typeof block.type !== 'string') throw invalidAt([...path, 'type'], 'Field required');
  return block.type;
}

export function decodeTextBlock(block: unknown, path: FieldPath): TextPart {
  const text = parseAt(textBlock, block, path);
  return withCache({ type: 'text', text: text.text }, text.cache_control);
}

/** A block of a user turn (tool results are handled by the message decoder). */
export function decodeUserBlock(block: unknown, path: FieldPath): UserContentPart | undefined {
  switch (blockType(block, path)) {
    case 'text':
      return decodeTextBlock(block, path);
    case 'image':
      return decodeImageBlock(block, path);
    case 'document':
      return decodeDocumentBlock(block, path);
    case 'tool_use':
    case 'thinking':
    case 'redacted_thinking':
      throw invalidAt([...path, 'type'], 'This block type is only allowed in assistant messages');
    default:
      return undefined;
  }
}

/** A block of an assistant turn (earlier answers the client sends back). */
export function decodeAssistantBlock(block: unknown, path: FieldPath): AssistantContentPart | undefined {
  switch (blockType(block, path)) {
    case 'text':
      return decodeTextBlock(block, path);
    case 'thinking': {
      const thinking = parseAt(thinkingBlock, block, path);
      const part: ReasoningPart = { type: 'reasoning', text: thinking.thinking };
      if (thinking.signature !== '') Object.assign(part, opened(thinking.signature, 'signature'));
      return part;
    }
    case 'redacted_thinking': {
      const redacted = parseAt(redactedThinkingBlock, block, path);
      return { type: 'reasoning', text: '', ...opened(redacted.data, 'redactedData') };
    }
    case 'tool_use': {
      const call = parseAt(toolUseBlock, block, path);
      const { id, signature } = splitToolCallId(call.id);
      const part: ToolCallPart = { type: 'tool-call', id, name: call.name, arguments: JSON.stringify(call.input) };
      if (signature) part.signature = signature;
      return part;
    }
    case 'image':
    case 'document':
    case 'tool_result':
      throw invalidAt([...path, 'type'], 'This block type is only allowed in user messages');
    default:
      return undefined;
  }
}

/** `tool_result.content`: a string, or text / image / document blocks. */
export function decodeToolResultContent(content: unknown, path: FieldPath): ToolResultContentPart[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw invalidAt(path, 'Input should be a valid string or list');
  const parts: ToolResultContentPart[] = [];
  content.forEach((block, index) => {
    const part = decodeUserBlock(block, [...path, index]);
    if (part && part.type !== 'audio') parts.push(part);
  });
  return parts;
}

/** A signature (or redacted data) the client sends back: a sealed one names the vendor that issued it. */
function opened(sealed: string, field: 'signature' | 'redactedData'): Partial<ReasoningPart> {
  const { signature, issuer } = openSignature('anthropic', sealed);
  return { [field]: signature, signatureProvider: issuer };
}

function decodeImageBlock(block: unknown, path: FieldPath): ImagePart {
  const image = parseAt(imageBlock, block, path);
  const source = image.source;
  if (source.type === 'file') throw filesApiUnsupported([...path, 'source']);
  const part: ImagePart = {
    type: 'image',
    source:
      source.type === 'base64'
        ? { kind: 'base64', mediaType: source.media_type, data: source.data }
        : { kind: 'url', url: source.url },
  };
  return withCache(part, image.cache_control);
}

function decodeDocumentBlock(block: unknown, path: FieldPath): FilePart {
  const document = parseAt(documentBlock, block, path);
  const source = document.source;
  let part: FilePart;
  switch (source.type) {
    case 'base64':
      part = {
        type: 'file',
        source: { kind: 'base64', mediaType: source.media_type, data: source.data },
        mediaType: source.media_type,
      };
      break;
    case 'url':
      // Anthropic's URL documents are PDFs.
      part = { type: 'file', source: { kind: 'url', url: source.url }, mediaType: 'application/pdf' };
      break;
    case 'text':
      part = plainTextDocument(source.data);
      break;
    case 'content':
      // A document made of content blocks: its text is what every vendor can read.
      part = plainTextDocument(contentSourceText(source.content));
      break;
    case 'file':
      throw filesApiUnsupported([...path, 'source']);
    default: {
      const exhaustive: never = source;
      return exhaustive;
    }
  }
  if (document.title) part.filename = document.title;
  if (document.citations?.enabled === true) part.citations = true;
  return withCache(part, document.cache_control);
}

/** IR files carry bytes: a plain-text document is its UTF-8 text in base64 (the Anthropic provider turns it back). */
function plainTextDocument(text: string): FilePart {
  return {
    type: 'file',
    source: { kind: 'base64', mediaType: 'text/plain', data: Buffer.from(text, 'utf8').toString('base64') },
    mediaType: 'text/plain',
  };
}

function contentSourceText(content: string | Array<Record<string, unknown>>): string {
  if (typeof content === 'string') return content;
  return content
    .map((block) => (block.type === 'text' && typeof block.text === 'string' ? block.text : ''))
    .filter(Boolean)
    .join('\n');
}

function filesApiUnsupported(path: FieldPath) {
  return invalidAt(path, 'File sources (file_id) need the Files API, which this gateway does not offer.');
}

function withCache<T extends TextPart | ImagePart | FilePart>(
  part: T,
  control: z.infer<typeof cacheControlSchema> | null | undefined,
): T {
  if (!control) return part;
  const cache: CacheControl = control.ttl ? { type: 'ephemeral', ttl: control.ttl } : { type: 'ephemeral' };
  part.cacheControl = cache;
  return part;
}
