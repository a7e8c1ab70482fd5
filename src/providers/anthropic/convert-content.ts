import {
  type BinarySource,
  type CacheControl,
  type FilePart,
  GatewayError,
  type ImagePart,
  type ToolResultContentPart,
  type UserContentPart,
} from '../../ir/index.js';
import type {
  AnthropicDocumentBlock,
  AnthropicImageBlock,
  AnthropicSource,
  AnthropicTextBlock,
  AnthropicToolResultContent,
} from './wire-types.js';

type MediaBlock = AnthropicImageBlock | AnthropicDocumentBlock;

/**
 * Converts one user content part. Anthropic fetches http(s) URLs itself (`source.type: 'url'`),
 * so URLs are passed through; `data:` URLs become base64 sources. Empty text is dropped because
 * Anthropic rejects empty text blocks.
 */
export function convertUserPart(part: UserContentPart): AnthropicTextBlock | MediaBlock | undefined {
  switch (part.type) {
    case 'text':
      return part.text === '' ? undefined : withCacheControl({ type: 'text', text: part.text }, part.cacheControl);
    case 'image':
      return withCacheControl(convertImage(part), part.cacheControl);
    case 'file':
      return withCacheControl(withCitations(convertFile(part), part.citations), part.cacheControl);
    case 'audio':
      throw new GatewayError({
        kind: 'invalid_request',
        message: 'Anthropic models do not accept audio input.',
        param: 'messages',
      });
    default:
      return assertNever(part);
  }
}

/**
 * Converts a tool result's content. A result that is a single text part travels as a plain string
 * (the common form); anything else as blocks. Empty content is omitted.
 */
export function convertToolResultContent(
  parts: ToolResultContentPart[],
): string | AnthropicToolResultContent[] | undefined {
  const blocks: AnthropicToolResultContent[] = [];
  for (const part of parts) {
    const block = convertUserPart(part);
    if (block) blocks.push(block);
  }
  if (blocks.length === 0) return undefined;
  const [only] = blocks;
  if (blocks.length === 1 && only.type === 'text') return only.text;
  return blocks;
}

/** Carries a client's prompt-cache breakpoint onto the block (Anthropic caches only where asked). */
export function withCacheControl<T extends AnthropicTextBlock | MediaBlock>(
  block: T,
  control: CacheControl | undefined,
): T {
  if (control) block.cache_control = control.ttl ? { type: 'ephemeral', ttl: control.ttl } : { type: 'ephemeral' };
  return block;
}

/** Anthropic document citations the client asked for (only documents can carry them). */
function withCitations(block: MediaBlock, citations: boolean | undefined): MediaBlock {
  if (citations && block.type === 'document') block.citations = { enabled: true };
  return block;
}

function convertImage(part: ImagePart): AnthropicImageBlock {
  return { type: 'image', source: binarySource(part.source, undefined) };
}

function convertFile(part: FilePart): MediaBlock {
  const mediaType = fileMediaType(part);
  if (mediaType?.startsWith('image/')) return { type: 'image', source: binarySource(part.source, mediaType) };

  const source = binarySource(part.source, mediaType);
  const title = part.filename ? { title: part.filename } : {};
  if (source.type === 'url') return { type: 'document', source, ...title };
  if (mediaType === 'application/pdf') return { type: 'document', source, ...title };
  if (mediaType?.startsWith('text/') && source.type === 'base64') {
    // Anthropic's plain-text document source takes the text itself, not base64.
    const text = Buffer.from(source.data, 'base64').toString('utf8');
    return { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text }, ...title };
  }
  throw new GatewayError({
    kind: 'invalid_request',
    message: `Anthropic models accept PDF, plain-text and image files, not ${mediaType ?? 'files of unknown type'}.`,
    param: 'messages',
  });
}

function fileMediaType(part: FilePart): string | undefined {
  if (part.mediaType) return part.mediaType.toLowerCase();
  if (part.source.kind === 'base64') return part.source.mediaType.toLowerCase();
  return parseDataUrl(part.source.url)?.mediaType.toLowerCase();
}

function binarySource(source: BinarySource, mediaTypeOverride: string | undefined): AnthropicSource {
  if (source.kind === 'base64') {
    return { type: 'base64', media_type: mediaTypeOverride ?? source.mediaType, data: source.data };
  }
  const inline = parseDataUrl(source.url);
  if (inline) return { type: 'base64', media_type: mediaTypeOverride ?? inline.mediaType, data: inline.data };
  if (source.url.startsWith('data:')) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'Only base64 data: URLs can be sent to Anthropic.',
      param: 'messages',
    });
  }
  return { type: 'url', url: source.url };
}

/** Parses `data:<media type>[;params];base64,<data>`. Returns undefined for anything else. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*);base64,(.*)$/is.exec(url);
  if (!match) return undefined;
  return { mediaType: match[1], data: match[3] };
}

function assertNever(value: never): never {
  throw new Error(`unexpected content part: ${JSON.stringify(value)}`);
}
