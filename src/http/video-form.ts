import { GatewayError } from '../ir/index.js';
import type { VideoForm } from '../video/video-request.js';

function invalidForm(message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, code: 'invalid_multipart' });
}

/**
 * A `POST /v1/videos` body as a VideoForm: a parsed JSON object, or a `multipart/form-data` body
 * (read within the body limit; openai-node always sends this one as multipart) parsed by Node's
 * own WHATWG `Response.formData()`, its `input_reference` file kept as bytes.
 */
export async function readVideoForm(body: unknown, contentType: string | undefined): Promise<VideoForm> {
  if (!Buffer.isBuffer(body)) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw invalidForm('The request body must be a JSON object or multipart/form-data.');
    }
    return { fields: body as Record<string, unknown> };
  }
  let data: FormData;
  try {
    data = await new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), {
      headers: { 'content-type': contentType ?? '' },
    }).formData();
  } catch {
    throw invalidForm('The multipart/form-data body could not be parsed: check its boundary and parts.');
  }
  const form: VideoForm = { fields: {} };
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') {
      form.fields[name] = value;
    } else if (name === 'input_reference') {
      const contentType = value.type || 'application/octet-stream';
      if (!contentType.startsWith('image/')) {
        throw new GatewayError({
          kind: 'invalid_request',
          message: "'input_reference' must be an image (image/jpeg, image/png or image/webp).",
          param: 'input_reference',
          code: 'invalid_value',
        });
      }
      form.file = {
        kind: 'file',
        bytes: new Uint8Array(await value.arrayBuffer()),
        filename: value.name || 'input_reference',
        contentType,
      };
    }
  }
  return form;
}
