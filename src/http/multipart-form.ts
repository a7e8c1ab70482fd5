import type { ImageForm } from '../images/image-request.js';
import { GatewayError } from '../ir/index.js';

/**
 * A `multipart/form-data` body, already read within the upload limit, as text fields and files.
 * Parsed by Node's own WHATWG `Response.formData()` (undici's parser, shipped with Node 20): no
 * extra dependency, and one that follows the browsers' and the SDKs' encoding. A body that is not
 * a well-formed form is the client's 400.
 */
export async function readMultipartForm(body: Buffer, contentType: string): Promise<ImageForm> {
  if (!/^multipart\/form-data\s*;\s*boundary=/i.test(contentType)) {
    throw invalidForm('The request must be multipart/form-data with a boundary (as the OpenAI SDKs send files).');
  }
  let data: FormData;
  try {
    data = await new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw invalidForm('The multipart/form-data body could not be parsed: check its boundary and parts.');
  }
  const form: ImageForm = { fields: {}, files: {} };
  for (const [name, value] of data.entries()) {
    if (typeof value === 'string') {
      form.fields[name] = value;
      continue;
    }
    const files = form.files[name] ?? [];
    files.push({
      bytes: new Uint8Array(await value.arrayBuffer()),
      filename: value.name || 'image',
      contentType: value.type || 'application/octet-stream',
    });
    form.files[name] = files;
  }
  return form;
}

function invalidForm(message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, code: 'invalid_multipart' });
}
