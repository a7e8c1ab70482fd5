/**
 * A `multipart/form-data` body (RFC 7578) built in memory from text fields and files, in order:
 * what OpenAI's `/images/edits` takes. Pure: the boundary is given (from the context's id source),
 * long and random enough never to occur in a part.
 */
export type MultipartPart =
  | { name: string; value: string }
  | { name: string; filename: string; contentType: string; bytes: Uint8Array };

/** Quotes a name or filename for Content-Disposition: `"` and line breaks escaped as browsers do. */
function quoted(value: string): string {
  return `"${value.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')}"`;
}

export function multipartBody(
  boundary: string,
  parts: readonly MultipartPart[],
): { contentType: string; bytes: Uint8Array } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name=${quoted(part.name)}`;
    if ('bytes' in part) {
      head += `; filename=${quoted(part.filename)}\r\nContent-Type: ${part.contentType}\r\n\r\n`;
      chunks.push(Buffer.from(head), Buffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength));
    } else {
      chunks.push(Buffer.from(`${head}\r\n\r\n${part.value}`));
    }
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, bytes: Buffer.concat(chunks) };
}
