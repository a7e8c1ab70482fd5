import { describe, expect, it } from 'vitest';
import { convertToolResultContent, convertUserPart, parseDataUrl } from './convert-content.js';

describe('convertUserPart', () => {
  it('passes http image URLs through as url sources', () => {
    expect(
      convertUserPart({ type: 'image', source: { kind: 'url', url: 'https://x.test/a.jpg' }, detail: 'low' }),
    ).toEqual({ type: 'image', source: { type: 'url', url: 'https://x.test/a.jpg' } });
  });

  it('turns data: URLs and base64 into base64 sources', () => {
    expect(convertUserPart({ type: 'image', source: { kind: 'url', url: 'data:image/png;base64,iVBOR' } })).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: 'iVBOR' },
    });
    expect(
      convertUserPart({ type: 'image', source: { kind: 'base64', mediaType: 'image/webp', data: 'UklG' } }),
    ).toEqual({
      type: 'image',
      source: { type: 'base64', media_type: 'image/webp', data: 'UklG' },
    });
  });

  it('sends PDFs as document blocks with base64 or url sources', () => {
    const pdf = { kind: 'base64', mediaType: 'application/pdf', data: 'JVBER' } as const;
    expect(convertUserPart({ type: 'file', source: pdf, mediaType: 'application/pdf', filename: 'a.pdf' })).toEqual({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' },
      title: 'a.pdf',
    });
    expect(convertUserPart({ type: 'file', source: { kind: 'url', url: 'https://x.test/a.pdf' } })).toEqual({
      type: 'document',
      source: { type: 'url', url: 'https://x.test/a.pdf' },
    });
    expect(
      convertUserPart({ type: 'file', source: { kind: 'url', url: 'data:application/pdf;base64,JVBER' } }),
    ).toEqual({
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: 'JVBER' },
    });
  });

  it('decodes base64 text files into a plain-text document source', () => {
    const data = Buffer.from('Dummy TXT file\n').toString('base64');
    expect(convertUserPart({ type: 'file', source: { kind: 'base64', mediaType: 'text/plain', data } })).toEqual({
      type: 'document',
      source: { type: 'text', media_type: 'text/plain', data: 'Dummy TXT file\n' },
    });
  });

  it('sends image files as image blocks', () => {
    expect(convertUserPart({ type: 'file', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j' } })).toEqual(
      {
        type: 'image',
        source: { type: 'base64', media_type: 'image/jpeg', data: '/9j' },
      },
    );
  });

  it('rejects audio and unsupported file types as invalid requests', () => {
    expect(() => convertUserPart({ type: 'audio', data: 'AAA', format: 'wav' })).toThrow(
      expect.objectContaining({ kind: 'invalid_request', param: 'messages' }),
    );
    expect(() =>
      convertUserPart({ type: 'file', source: { kind: 'base64', mediaType: 'application/zip', data: 'UEs' } }),
    ).toThrow(expect.objectContaining({ kind: 'invalid_request' }));
  });

  it('drops empty text', () => {
    expect(convertUserPart({ type: 'text', text: '' })).toBeUndefined();
  });
});

describe('convertToolResultContent', () => {
  it('sends a single text part as a string', () => {
    expect(convertToolResultContent([{ type: 'text', text: 'Mexico' }])).toBe('Mexico');
  });

  it('sends mixed content as blocks and omits empty content', () => {
    expect(
      convertToolResultContent([
        { type: 'text', text: 'see' },
        { type: 'image', source: { kind: 'url', url: 'https://x.test/i.png' } },
      ]),
    ).toEqual([
      { type: 'text', text: 'see' },
      { type: 'image', source: { type: 'url', url: 'https://x.test/i.png' } },
    ]);
    expect(convertToolResultContent([{ type: 'text', text: '' }])).toBeUndefined();
  });
});

describe('parseDataUrl', () => {
  it('reads media type and data, ignoring extra parameters', () => {
    expect(parseDataUrl('data:image/png;name=a.png;base64,AAAA')).toEqual({ mediaType: 'image/png', data: 'AAAA' });
    expect(parseDataUrl('https://x.test')).toBeUndefined();
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
  });
});

describe('prompt-cache breakpoints', () => {
  it('carries cacheControl onto text, image and document blocks', () => {
    expect(convertUserPart({ type: 'text', text: 'long context', cacheControl: { type: 'ephemeral' } })).toEqual({
      type: 'text',
      text: 'long context',
      cache_control: { type: 'ephemeral' },
    });
    expect(
      convertUserPart({
        type: 'image',
        source: { kind: 'url', url: 'https://example.com/a.png' },
        cacheControl: { type: 'ephemeral', ttl: '1h' },
      }),
    ).toEqual({
      type: 'image',
      source: { type: 'url', url: 'https://example.com/a.png' },
      cache_control: { type: 'ephemeral', ttl: '1h' },
    });
  });
});
