/** One part of a `multipart/form-data` body: a text field, or a file with its name and type. */
export type FormPart =
  | { name: string; value: string }
  | { name: string; file: { bytes: Uint8Array; filename: string; contentType: string } };

/** A header value's quoted string: quotes, backslashes and line breaks escaped as browsers do (WHATWG). */
function quoted(value: string): string {
  return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/**
 * A `multipart/form-data` body (RFC 7578) for an upstream that takes uploads (OpenAI's audio
 * endpoints). Pure: the boundary is passed in, so a test can read the bytes.
 */
export function multipartBody(parts: readonly FormPart[], boundary: string): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"\r\n\r\n${part.value}\r\n`,
        ),
      );
      continue;
    }
    const { bytes, filename, contentType } = part.file;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"; filename="${quoted(filename)}"\r\n` +
          `Content-Type: ${contentType.replace(/[\r\n]/g, '')}\r\n\r\n`,
      ),
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
