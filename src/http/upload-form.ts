import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../ir/index.js';

/** One uploaded file, whole in memory (the upstream call needs it whole, and failover may send it again). */
export interface UploadedFile {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
}

/** A multipart form as read: each text field once, the files by field name in the order sent. */
export interface UploadForm {
  fields: Record<string, string>;
  files: Record<string, UploadedFile[]>;
}

/** What one endpoint's form may hold: counts of files, fields and parts, and the bytes of it all. */
export interface UploadFormLimits {
  /** The most bytes the whole body may carry (`AIHUB_UPLOAD_LIMIT_MB`): past it, a 413. */
  totalBytes: number;
  files: number;
  fields: number;
  /** Files and fields together: a form of a thousand tiny parts is refused, not read. */
  parts: number;
}

/** The longest text field: a prompt is 32,000 characters, up to 4 bytes each. */
const FIELD_MAX_BYTES = 128 * 1024;

function invalidForm(message: string, param: string | null = null): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_multipart' });
}

function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError({
    kind: 'payload_too_large',
    message: `The upload is larger than the ${Math.round(limitBytes / (1024 * 1024))} MB this server accepts.`,
    code: 'request_too_large',
  });
}

/** @fastify/multipart's (busboy's) errors as the client's: a 413 past the size cap, else a 400. */
function formError(error: unknown, limits: UploadFormLimits): GatewayError {
  if (error instanceof GatewayError) return error;
  const code = (error as { code?: unknown })?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(limits.totalBytes);
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return invalidForm('The request must be multipart/form-data with a boundary (as the OpenAI SDKs send files).');
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT') {
    return invalidForm(
      `The multipart form has too many parts: at most ${limits.files} files and ${limits.fields} fields.`,
    );
  }
  return invalidForm('The multipart/form-data body could not be parsed: check its boundary and parts.');
}

/**
 * Stops reading a body refused part way: the parser is cut off and the rest of the bytes are
 * discarded as they come, so neither the parser nor the client waits on the other.
 */
function discardRest(request: FastifyRequest): void {
  request.raw.unpipe();
  request.raw.resume();
}

/**
 * Reads a multipart upload through @fastify/multipart, counting every byte against
 * `limits.totalBytes` while it streams (the plugin does not apply fastify's bodyLimit): past it,
 * a 413 before the rest is read. A text field sent twice, too many parts, or a malformed body is
 * the client's 400 `invalid_multipart`. Which fields and files make sense is the endpoint's decoder's call.
 */
export async function readUploadForm(request: FastifyRequest, limits: UploadFormLimits): Promise<UploadForm> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limits.totalBytes) {
    discardRest(request);
    throw tooLarge(limits.totalBytes);
  }
  // Null prototypes: a field named `__proto__` is just a field.
  const form: UploadForm = { fields: Object.create(null), files: Object.create(null) };
  let total = 0;
  const count = (bytes: number): void => {
    total += bytes;
    if (total > limits.totalBytes) throw tooLarge(limits.totalBytes);
  };
  try {
    const parts: AsyncIterableIterator<Multipart> = request.parts({
      limits: {
        fileSize: limits.totalBytes,
        files: limits.files,
        fields: limits.fields,
        parts: limits.parts,
        fieldSize: FIELD_MAX_BYTES,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (part.valueTruncated) throw invalidForm(`The field '${part.fieldname}' is too long.`, part.fieldname);
        const value = typeof part.value === 'string' ? part.value : String(part.value);
        count(Buffer.byteLength(value));
        if (Object.hasOwn(form.fields, part.fieldname)) {
          throw invalidForm(`The field '${part.fieldname}' was sent more than once.`, part.fieldname);
        }
        form.fields[part.fieldname] = value;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) {
        count((chunk as Buffer).length);
        chunks.push(chunk as Buffer);
      }
      if (part.file.truncated) throw tooLarge(limits.totalBytes);
      const files = form.files[part.fieldname] ?? [];
      files.push({
        bytes: new Uint8Array(Buffer.concat(chunks)),
        filename: part.filename || part.fieldname.replace('[]', ''),
        contentType: part.mimetype || 'application/octet-stream',
      });
      form.files[part.fieldname] = files;
    }
  } catch (error) {
    // Refused part way: whatever is left of the body is not the parser's to wait on.
    discardRest(request);
    throw formError(error, limits);
  }
  return form;
}
