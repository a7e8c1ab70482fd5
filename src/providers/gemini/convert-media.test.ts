import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { convertAudio, convertBinarySource, parseDataUrl } from './convert-media.js';

describe('convertBinarySource', () => {
  it('sends base64 bytes as inlineData with their media type', () => {
    expect(convertBinarySource({ kind: 'base64', mediaType: 'image/png', data: 'AAAA' }, undefined, 'p')).toEqual({
      inlineData: { mimeType: 'image/png', data: 'AAAA' },
    });
  });

  it('converts a base64 data: URL to inlineData', () => {
    expect(convertBinarySource({ kind: 'url', url: 'data:image/jpeg;base64,/9j/4AAQ' }, undefined, 'p')).toEqual({
      inlineData: { mimeType: 'image/jpeg', data: '/9j/4AAQ' },
    });
  });

  it('prefers the file part media type over the data: URL one', () => {
    const part = convertBinarySource({ kind: 'url', url: 'data:;base64,JVBERi0=' }, 'application/pdf', 'p');
    expect(part.inlineData?.mimeType).toBe('application/pdf');
  });

  it('sends a URL that was not inlined as fileData, guessing the media type from the extension', () => {
    expect(convertBinarySource({ kind: 'url', url: 'gs://bucket/doc.PDF?x=1' }, undefined, 'p')).toEqual({
      fileData: { fileUri: 'gs://bucket/doc.PDF?x=1', mimeType: 'application/pdf' },
    });
    expect(convertBinarySource({ kind: 'url', url: 'https://youtu.be/abc' }, undefined, 'p')).toEqual({
      fileData: { fileUri: 'https://youtu.be/abc' },
    });
  });

  it('rejects a malformed data: URL as an invalid request naming the part', () => {
    try {
      convertBinarySource({ kind: 'url', url: 'data:image/png;base64' }, undefined, 'messages[0].content[1]');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).kind).toBe('invalid_request');
      expect((error as GatewayError).param).toBe('messages[0].content[1]');
    }
  });
});

describe('parseDataUrl', () => {
  it('encodes a percent-encoded text data: URL as base64', () => {
    expect(parseDataUrl('data:text/plain,hello%20world')).toEqual({
      mediaType: 'text/plain',
      data: Buffer.from('hello world').toString('base64'),
    });
  });

  it('defaults the media type to text/plain and keeps parameters out of it', () => {
    expect(parseDataUrl('data:,abc')?.mediaType).toBe('text/plain');
    expect(parseDataUrl('data:text/csv;charset=utf-8;base64,YSxi')).toEqual({ mediaType: 'text/csv', data: 'YSxi' });
  });
});

describe('convertAudio', () => {
  it('maps the OpenAI audio format to an audio MIME type', () => {
    expect(convertAudio({ type: 'audio', data: 'UklG', format: 'wav' })).toEqual({
      inlineData: { mimeType: 'audio/wav', data: 'UklG' },
    });
  });
});
