import { describe, expect, it } from 'vitest';
import { decodeSpeechRequest } from './speech-request.js';

describe('decodeSpeechRequest', () => {
  it("reads OpenAI's fields with its defaults (mp3, audio)", () => {
    expect(decodeSpeechRequest({ model: 'tts-1', input: 'Hi', voice: 'alloy' })).toEqual({
      model: 'tts-1',
      input: 'Hi',
      voice: 'alloy',
      format: 'mp3',
      streamFormat: 'audio',
    });
    expect(
      decodeSpeechRequest({
        model: 'gpt-4o-mini-tts',
        input: 'Hi',
        voice: { id: 'voice_123' },
        instructions: 'calm',
        response_format: 'wav',
        speed: 0.25,
        stream_format: 'sse',
      }),
    ).toMatchObject({
      voice: { id: 'voice_123' },
      instructions: 'calm',
      format: 'wav',
      speed: 0.25,
      streamFormat: 'sse',
    });
  });

  it('counts input characters as code points: 4,096 emoji pass, one more is refused', () => {
    expect(decodeSpeechRequest({ model: 'm', input: '😀'.repeat(4096), voice: 'a' }).input).toHaveLength(8192);
    expect(() => decodeSpeechRequest({ model: 'm', input: '😀'.repeat(4097), voice: 'a' })).toThrow(
      expect.objectContaining({ status: 400, param: 'input', code: 'string_above_max_length' }),
    );
  });

  it.each([
    [{ input: 'x', voice: 'a' }, 'model'],
    [{ model: 'm', voice: 'a' }, 'input'],
    [{ model: 'm', input: 'x' }, 'voice'],
    [{ model: 'm', input: 'x', voice: 'a', response_format: 'ogg' }, 'response_format'],
    [{ model: 'm', input: 'x', voice: 'a', speed: 4.5 }, 'speed'],
    [{ model: 'm', input: 'x', voice: 'a', speed: '1' }, 'speed'],
    [{ model: 'm', input: 'x', voice: 'a', stream_format: 'json' }, 'stream_format'],
  ])('refuses %j naming %s', (body, param) => {
    expect(() => decodeSpeechRequest(body)).toThrow(expect.objectContaining({ status: 400, param }));
  });
});
