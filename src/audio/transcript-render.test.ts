import { describe, expect, it } from 'vitest';
import { renderTranscript } from './transcript-render.js';

const result = {
  text: 'Hello there. General Kenobi.',
  language: 'english',
  duration: 3.5,
  segments: [
    { id: 0, start: 0, end: 1.25, text: ' Hello there.' },
    { id: 1, start: 1.25, end: 3661.5, text: ' General Kenobi.' },
  ],
  usage: { seconds: 3.5 },
};

describe('renderTranscript', () => {
  it('json: the text and the usage as OpenAI gives it (seconds rounded up)', () => {
    const rendered = renderTranscript(result, 'json', 'transcribe');
    expect(rendered.contentType).toBe('application/json');
    expect(JSON.parse(rendered.body)).toEqual({ text: result.text, usage: { type: 'duration', seconds: 4 } });
  });

  it('verbose_json: task, language, duration, segments', () => {
    expect(JSON.parse(renderTranscript(result, 'verbose_json', 'translate').body)).toMatchObject({
      task: 'translate',
      language: 'english',
      duration: 3.5,
      segments: result.segments,
    });
  });

  it('srt and vtt: one cue per segment, hours included', () => {
    expect(renderTranscript(result, 'srt', 'transcribe').body).toBe(
      '1\n00:00:00,000 --> 00:00:01,250\nHello there.\n\n2\n00:00:01,250 --> 01:01:01,500\nGeneral Kenobi.\n\n',
    );
    expect(renderTranscript(result, 'vtt', 'transcribe').body).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.250\nHello there.\n\n00:00:01.250 --> 01:01:01.500\nGeneral Kenobi.\n\n',
    );
  });

  it('text: the text and a newline; token usage in json as OpenAI reports it', () => {
    expect(renderTranscript(result, 'text', 'transcribe')).toEqual({
      contentType: 'text/plain; charset=utf-8',
      body: `${result.text}\n`,
    });
    const tokens = renderTranscript(
      { text: 'x', usage: { inputTokens: 30, inputAudioTokens: 25, outputTokens: 2 } },
      'json',
      'transcribe',
    );
    expect(JSON.parse(tokens.body).usage).toEqual({
      type: 'tokens',
      input_tokens: 30,
      input_token_details: { text_tokens: 5, audio_tokens: 25 },
      output_tokens: 2,
      total_tokens: 32,
    });
  });
});
