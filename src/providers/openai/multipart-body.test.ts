import { describe, expect, it } from 'vitest';
import { multipartBody } from './multipart-body.js';

describe('multipartBody', () => {
  it('writes fields and the file so a standard parser reads them back byte for byte', async () => {
    const bytes = Buffer.from([0, 255, 13, 10, 45, 45, 1]);
    const { body, contentType } = multipartBody(
      [
        { name: 'file', file: { bytes, filename: 'clip "1".wav', contentType: 'audio/wav' } },
        { name: 'model', value: 'whisper-1' },
        { name: 'timestamp_granularities[]', value: 'word' },
      ],
      'boundary123',
    );
    expect(contentType).toBe('multipart/form-data; boundary=boundary123');
    const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
    expect(form.get('model')).toBe('whisper-1');
    expect(form.get('timestamp_granularities[]')).toBe('word');
    const file = form.get('file') as File;
    expect(file.name).toBe('clip "1".wav');
    expect(file.type).toBe('audio/wav');
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
