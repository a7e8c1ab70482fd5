import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FormFields } from '../audio/transcription-request.js';
import type { AudioFile } from '../audio/transcription-types.js';
import { AUDIO_UPLOAD_MAX_BYTES } from '../audio/transcription-types.js';
import { GatewayError } from '../ir/index.js';

/** Limits of an audio upload form (@fastify/multipart's busboy limits): one file of 25 MB, a few small fields. */
export const AUDIO_FORM_LIMITS = {
  fileSize: AUDIO_UPLOAD_MAX_BYTES,
  files: 1,
  fields: 64,
  fieldSize: 1024 * 1024,
  parts: 128,
} as const;

function tooLarge(): GatewayError {
  return new GatewayError({
    kind: 'payload_too_large',
    message: `The audio file is larger than ${AUDIO_UPLOAD_MAX_BYTES / (1024 * 1024)} MB, the most OpenAI's audio endpoints take.`,
    param: 'file',
    code: 'file_too_large',
  });
}

/** @fastify/multipart's errors as the client's: a 413 past a limit on size, a 400 for a malformed form. */
function formError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge();
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new GatewayError({
      kind: 'invalid_request',
      message: "The request must be multipart/form-data, with the audio in a 'file' field.",
      param: 'file',
    });
  }
  const limit =
    code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT'
      ? ' (too many fields or files)'
      : '';
  return new GatewayError({
    kind: 'invalid_request',
    message: `The multipart form could not be read${limit}.`,
    param: 'file',
  });
}

/**
 * Reads an audio upload: the text fields in order and the one `file`, into memory (at most
 * 25 MB: the upstream call needs the whole file, and failover may send it again). A file in any
 * other field, or a second file, is the client's 400; past 25 MB, a 413.
 */
export async function readAudioForm(request: FastifyRequest): Promise<{ fields: FormFields; file?: AudioFile }> {
  const fields: Array<[string, string]> = [];
  let file: AudioFile | undefined;
  try {
    const parts: AsyncIterableIterator<Multipart> = request.parts({ limits: AUDIO_FORM_LIMITS });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        if (part.valueTruncated) throw formError({ code: 'FST_FIELDS_LIMIT' });
        fields.push([part.fieldname, part.value]);
        continue;
      }
      if (part.fieldname !== 'file') {
        await part.toBuffer().catch(() => undefined);
        throw new GatewayError({
          kind: 'invalid_request',
          message: `Unexpected file field '${part.fieldname}': the audio goes in 'file'.`,
          param: part.fieldname,
        });
      }
      const bytes = await part.toBuffer();
      if (part.file.truncated) throw tooLarge();
      file = { bytes, filename: part.filename || 'audio', contentType: part.mimetype || 'application/octet-stream' };
    }
  } catch (error) {
    throw formError(error);
  }
  return file ? { fields, file } : { fields };
}
