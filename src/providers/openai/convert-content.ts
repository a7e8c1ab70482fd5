import type { BinarySource, TextPart, UserContentPart } from '../../ir/index.js';
import type { OpenAIDialect } from './dialect.js';

export interface OpenAITextContentPart {
  type: 'text';
  text: string;
}

export type OpenAIUserContentPart =
  | OpenAITextContentPart
  | { type: 'image_url'; image_url: { url: string; detail?: string } }
  | { type: 'input_audio'; input_audio: { data: string; format: string } }
  | { type: 'file'; file: { filename?: string; file_data: string } };

/** One IR user content part as an OpenAI content part. */
export function convertUserContentPart(part: UserContentPart): OpenAIUserContentPart {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'image': {
      const imageUrl: { url: string; detail?: string } = { url: sourceToUrl(part.source) };
      if (part.detail !== undefined) imageUrl.detail = part.detail;
      return { type: 'image_url', image_url: imageUrl };
    }
    case 'audio':
      return { type: 'input_audio', input_audio: { data: part.data, format: part.format } };
    case 'file': {
      const fileData = sourceToUrl(part.source);
      const file =
        part.filename !== undefined ? { filename: part.filename, file_data: fileData } : { file_data: fileData };
      return { type: 'file', file };
    }
    default:
      return assertNever(part);
  }
}

/**
 * Content of a system or tool message: one text part travels as a plain string; several go as an
 * array to OpenAI and joined by newlines to compatible vendors (several of which take strings only).
 */
export function convertTextContent(
  parts: readonly TextPart[],
  dialect: OpenAIDialect,
): string | OpenAITextContentPart[] {
  if (parts.length === 1) return parts[0].text;
  if (dialect.isOpenAI && parts.length > 1) return parts.map((part) => ({ type: 'text', text: part.text }));
  return parts.map((part) => part.text).join('\n');
}

/** A URL as given, or the base64 bytes as a `data:` URL (what OpenAI's image_url and file_data take). */
export function sourceToUrl(source: BinarySource): string {
  return source.kind === 'url' ? source.url : `data:${source.mediaType};base64,${source.data}`;
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
