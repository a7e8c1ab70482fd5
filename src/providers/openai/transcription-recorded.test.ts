import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import { audioMetering, transcriptionCharge } from '../../audio/audio-charge.js';
import { renderTranscript } from '../../audio/transcript-render.js';
import type { TranscriptionRequest } from '../../audio/transcription-types.js';
import { decodeOpenAITranscription } from './transcription.js';

function recording(relative: string): string {
  return readFileSync(path.join(FIXTURES_ROOT, relative), 'utf8');
}

const request: TranscriptionRequest = {
  task: 'transcribe',
  model: 'whisper-1',
  file: { bytes: Buffer.alloc(1000), filename: 'galileo.mp3', contentType: 'audio/mpeg' },
  format: 'json',
  stream: false,
  extraFields: [],
};

// Its own file: a suite that reads ../shared must skip whole where the folder is absent.
describeWithFixtures('OpenAI transcription recordings (vercel-ai)', () => {
  it("decodes whisper-1's verbose_json: text, language, duration, words, and the seconds it bills", () => {
    const answer = decodeOpenAITranscription(
      recording('vercel-ai/openai/src/transcription/__fixtures__/openai-transcription.json'),
      'verbose_json',
    );
    if (!('result' in answer)) throw new Error('expected a transcript');
    const { result } = answer;
    expect(result.text).toBe(
      'Galileo was an American robotic space program that studied the planet Jupiter and its moons, as well as several other solar system bodies.',
    );
    expect(result.language).toBe('english');
    expect(result.duration).toBe(36.709999084472656);
    expect(result.words?.[0]).toEqual({ word: 'Galileo', start: 0, end: 0.6600000262260437 });
    expect(result.usage).toEqual({ seconds: 37 });
    const { charge, estimated } = transcriptionCharge(request, audioMetering('whisper-1'), result.usage, {
      inputTokens: 0,
      outputTokens: 0,
    });
    expect(charge.units).toEqual({ audio_second: 37 });
    expect(estimated).toBe(false);
    // Shaped back for a json client as OpenAI answers json: the text and the duration usage.
    expect(JSON.parse(renderTranscript(result, 'json', 'transcribe').body)).toEqual({
      text: result.text,
      usage: { type: 'duration', seconds: 37 },
    });
  });

  it("relays Groq's text answer (an OpenAI-compatible Whisper) verbatim", () => {
    const recorded = JSON.parse(recording('vercel-ai/groq/src/__fixtures__/groq-transcription-text.json'));
    expect(decodeOpenAITranscription(recorded.body, 'text')).toEqual({ verbatim: ' Hello from the Versal AISDK.' });
  });
});
