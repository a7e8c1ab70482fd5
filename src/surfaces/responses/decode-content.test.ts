import { describe, expect, it } from 'vitest';
import { decodeInputPart, decodeToolOutput } from './decode-content.js';

describe('decodeInputPart', () => {
  it('text, image by URL with detail, image as data URL', () => {
    expect(decodeInputPart({ type: 'input_text', text: 'hi' }, 'input[0].content[0]')).toEqual({
      type: 'text',
      text: 'hi',
    });
    expect(
      decodeInputPart({ type: 'input_image', image_url: 'https://x.test/a.png', detail: 'low' }, 'input[0].content[1]'),
    ).toEqual({ type: 'image', source: { kind: 'url', url: 'https://x.test/a.png' }, detail: 'low' });
    expect(decodeInputPart({ type: 'input_image', image_url: 'data:image/png;base64,iVBO' }, 'p')).toEqual({
      type: 'image',
      source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' },
    });
  });

  it('files as data URL, bare base64 or URL, with their name', () => {
    expect(
      decodeInputPart({ type: 'input_file', file_data: 'data:application/pdf;base64,JVBE', filename: 'a.pdf' }, 'p'),
    ).toEqual({
      type: 'file',
      source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
      mediaType: 'application/pdf',
      filename: 'a.pdf',
    });
    expect(decodeInputPart({ type: 'input_file', file_data: 'JVBE', filename: 'B.PDF' }, 'p')).toMatchObject({
      mediaType: 'application/pdf',
    });
    expect(decodeInputPart({ type: 'input_file', file_url: 'https://x.test/a.pdf' }, 'p')).toEqual({
      type: 'file',
      source: { kind: 'url', url: 'https://x.test/a.pdf' },
    });
  });

  it('refuses file ids, naming the field', () => {
    expect(() => decodeInputPart({ type: 'input_image', file_id: 'file-1' }, 'input[2].content[0]')).toThrow(
      expect.objectContaining({ param: 'input[2].content[0].file_id', message: expect.stringMatching(/file ids/i) }),
    );
    expect(() => decodeInputPart({ type: 'input_file', file_id: 'file-1' }, 'p')).toThrow(/File ids are not supported/);
  });

  it('refuses an image or file with no source, and non-http URLs', () => {
    expect(() => decodeInputPart({ type: 'input_image' }, 'p')).toThrow(
      expect.objectContaining({ param: 'p.image_url' }),
    );
    expect(() => decodeInputPart({ type: 'input_file' }, 'p')).toThrow(
      expect.objectContaining({ param: 'p.file_data' }),
    );
    expect(() => decodeInputPart({ type: 'input_image', image_url: 'file:///etc/passwd' }, 'p')).toThrow(
      expect.objectContaining({ param: 'p.image_url' }),
    );
  });
});

describe('decodeToolOutput', () => {
  it('a string or a list of parts', () => {
    expect(decodeToolOutput('42', 'o')).toEqual([{ type: 'text', text: '42' }]);
    expect(decodeToolOutput([{ type: 'input_text', text: 'a' }], 'o')).toEqual([{ type: 'text', text: 'a' }]);
  });
});
