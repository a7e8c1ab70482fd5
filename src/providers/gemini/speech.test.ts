import { describe, expect, it } from 'vitest';
import type { SpeechRequest } from '../../audio/speech-types.js';
import type { ProviderContext } from '../provider.js';
import { decodeGeminiSpeech, encodeGeminiSpeech } from './speech.js';

const context: ProviderContext = {
  target: { baseUrl: 'https://g.example/', apiKey: 'k', model: 'models/gemini-2.5-flash-preview-tts' },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
};
const request = (overrides: Partial<SpeechRequest> = {}): SpeechRequest => ({
  model: 'tts',
  input: 'Have a wonderful day!',
  voice: 'kore',
  format: 'wav',
  streamFormat: 'audio',
  ...overrides,
});

describe('Gemini speech', () => {
  it('asks generateContent for AUDIO in the prebuilt voice, with the instructions before the text', () => {
    const encoded = encodeGeminiSpeech(request({ instructions: 'Say cheerfully', speed: 1.5 }), context);
    expect(encoded.http.url).toBe('https://g.example/v1beta/models/gemini-2.5-flash-preview-tts:generateContent');
    expect(encoded.http.headers['x-goog-api-key']).toBe('k');
    expect(JSON.parse(encoded.http.body)).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Say cheerfully: Have a wonderful day!' }] }],
      generationConfig: {
        responseModalities: ['AUDIO'],
        speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
      },
    });
    expect(encoded.droppedParams).toEqual(['speed']);
  });

  it('refuses formats it cannot make and voices Gemini has not, as the client’s 400', () => {
    expect(() => encodeGeminiSpeech(request({ format: 'mp3' }), context)).toThrow(
      expect.objectContaining({ status: 400, param: 'response_format', retryable: false }),
    );
    expect(() => encodeGeminiSpeech(request({ voice: 'alloy' }), context)).toThrow(
      expect.objectContaining({ status: 400, param: 'voice' }),
    );
  });

  it('joins the inlineData PCM, reads its rate, and reports the tokens as audio output', () => {
    const decoded = decodeGeminiSpeech({
      candidates: [
        {
          content: {
            parts: [
              {
                inlineData: {
                  mimeType: 'audio/L16;codec=pcm;rate=16000',
                  data: Buffer.from([1, 2]).toString('base64'),
                },
              },
              {
                inlineData: {
                  mimeType: 'audio/L16;codec=pcm;rate=16000',
                  data: Buffer.from([3, 4]).toString('base64'),
                },
              },
            ],
          },
        },
      ],
      usageMetadata: { promptTokenCount: 7, candidatesTokenCount: 120, totalTokenCount: 127 },
    });
    expect([...decoded.pcm]).toEqual([1, 2, 3, 4]);
    expect(decoded.layout.sampleRate).toBe(16_000);
    expect(decoded.usage).toEqual({ inputTokens: 7, outputTokens: 120, outputAudioTokens: 120 });
    expect(() => decodeGeminiSpeech({ candidates: [{ content: { parts: [{ text: 'no' }] } }] })).toThrow(
      expect.objectContaining({ status: 502 }),
    );
  });
});
