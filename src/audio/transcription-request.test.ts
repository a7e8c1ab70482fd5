import { describe, expect, it } from 'vitest';
import { decodeTranscriptionForm } from './transcription-request.js';

const file = { bytes: Buffer.from('RIFF'), filename: 'a.wav', contentType: 'audio/wav' };

describe('decodeTranscriptionForm', () => {
  it('reads the fields, the granularities and the stream flag; unknown fields are kept for OpenAI', () => {
    const request = decodeTranscriptionForm(
      'transcribe',
      [
        ['model', 'whisper-1'],
        ['language', 'en'],
        ['response_format', 'verbose_json'],
        ['temperature', '0.2'],
        ['timestamp_granularities[]', 'word'],
        ['timestamp_granularities[]', 'segment'],
        ['chunking_strategy', 'auto'],
      ],
      file,
    );
    expect(request).toMatchObject({
      task: 'transcribe',
      model: 'whisper-1',
      language: 'en',
      format: 'verbose_json',
      temperature: 0.2,
      timestampGranularities: ['word', 'segment'],
      stream: false,
      extraFields: [['chunking_strategy', 'auto']],
    });
  });

  it.each([
    ['transcribe', [['model', 'whisper-1']], undefined, 'file'],
    ['transcribe', [], file, 'model'],
    [
      'transcribe',
      [
        ['model', 'm'],
        ['response_format', 'xml'],
      ],
      file,
      'response_format',
    ],
    [
      'transcribe',
      [
        ['model', 'm'],
        ['temperature', '2'],
      ],
      file,
      'temperature',
    ],
    [
      'transcribe',
      [
        ['model', 'm'],
        ['timestamp_granularities[]', 'word'],
      ],
      file,
      'timestamp_granularities',
    ],
    [
      'transcribe',
      [
        ['model', 'm'],
        ['stream', 'yes'],
      ],
      file,
      'stream',
    ],
    [
      'transcribe',
      [
        ['model', 'm'],
        ['model', 'n'],
      ],
      file,
      'model',
    ],
    [
      'translate',
      [
        ['model', 'm'],
        ['language', 'de'],
      ],
      file,
      'language',
    ],
    [
      'translate',
      [
        ['model', 'm'],
        ['stream', 'true'],
      ],
      file,
      'stream',
    ],
  ] as const)('%s with %j refuses naming %s', (task, fields, upload, param) => {
    expect(() => decodeTranscriptionForm(task, fields, upload)).toThrow(
      expect.objectContaining({ status: 400, param }),
    );
  });
});
