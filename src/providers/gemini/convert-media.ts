import { type AudioPart, type BinarySource, GatewayError } from '../../ir/index.js';
import type { GeminiPart } from './wire-types.js';

/**
 * Binary content (images, files, audio) to a Gemini part. The gateway inlines http(s) URLs before
 * encoding (`inlineMedia`), so a base64 source or a `data:` URL is the normal case; a URL that
 * still arrives (a `gs://` or Files API URI, or inlining turned off) is sent as `fileData`.
 */
export function convertBinarySource(source: BinarySource, mediaType: string | undefined, param: string): GeminiPart {
  if (source.kind === 'base64') {
    return { inlineData: { mimeType: source.mediaType || mediaType || 'application/octet-stream', data: source.data } };
  }
  if (source.url.startsWith('data:')) {
    const parsed = parseDataUrl(source.url);
    if (!parsed) {
      throw new GatewayError({ kind: 'invalid_request', message: 'Malformed data: URL.', param });
    }
    return { inlineData: { mimeType: mediaType ?? parsed.mediaType, data: parsed.data } };
  }
  const mimeType = mediaType ?? guessMediaTypeFromUrl(source.url);
  return { fileData: mimeType ? { fileUri: source.url, mimeType } : { fileUri: source.url } };
}

export function convertAudio(part: AudioPart): GeminiPart {
  const format = part.format.toLowerCase();
  return { inlineData: { mimeType: format.includes('/') ? format : `audio/${format}`, data: part.data } };
}

/** `data:[<mediatype>][;base64],<data>` to a media type and base64 bytes. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) return undefined;
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  const segments = header.split(';');
  const isBase64 = segments.at(-1)?.toLowerCase() === 'base64';
  const mediaType = segments[0]?.trim() || 'text/plain';
  if (isBase64) return { mediaType, data: body.replace(/\s+/g, '') };
  try {
    return { mediaType, data: Buffer.from(decodeURIComponent(body), 'utf8').toString('base64') };
  } catch {
    return undefined;
  }
}

const EXTENSION_MEDIA_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  mp3: 'audio/mp3',
  wav: 'audio/wav',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
};

function guessMediaTypeFromUrl(url: string): string | undefined {
  const path = url.split(/[?#]/)[0] ?? '';
  const extension = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  return EXTENSION_MEDIA_TYPES[extension];
}
