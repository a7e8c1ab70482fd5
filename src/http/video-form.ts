import type { FastifyRequest } from 'fastify';
import { GatewayError } from '../ir/index.js';
import type { VideoForm } from '../video/video-request.js';
import { readUploadForm } from './upload-form.js';

function invalidForm(message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, code: 'invalid_multipart' });
}

/**
 * A `POST /v1/videos` body as a VideoForm: a parsed JSON object, or a `multipart/form-data` body
 * (openai-node always sends this one as multipart) read through @fastify/multipart within
 * `uploadLimitBytes`, its one `input_reference` file kept as bytes.
 */
export async function readVideoForm(request: FastifyRequest, uploadLimitBytes: number): Promise<VideoForm> {
  if (!request.isMultipart()) {
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidForm('The request body must be a JSON object or multipart/form-data.');
    }
    return { fields: body as Record<string, unknown> };
  }
  const upload = await readUploadForm(request, { totalBytes: uploadLimitBytes, files: 1, fields: 16, parts: 17 });
  const form: VideoForm = { fields: { ...upload.fields } };
  for (const name of Object.keys(upload.files)) {
    if (name !== 'input_reference') {
      throw new GatewayError({
        kind: 'invalid_request',
        message: `Unexpected file field '${name}': the reference image goes in 'input_reference'.`,
        param: name,
        code: 'invalid_multipart',
      });
    }
  }
  const reference = upload.files.input_reference?.[0];
  if (reference) {
    if (!reference.contentType.startsWith('image/')) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: "'input_reference' must be an image (image/jpeg, image/png or image/webp).",
        param: 'input_reference',
        code: 'invalid_value',
      });
    }
    form.file = { kind: 'file', ...reference };
  }
  return form;
}
