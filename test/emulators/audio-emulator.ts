/**
 * An emulator of the vendors' audio endpoints on one port, in their wire formats:
 * - OpenAI (`url`, ending in `/v1`): `POST /v1/audio/speech` (JSON in; the audio bytes out in
 *   three chunks with the format's content-type, or with `stream_format: "sse"` the
 *   `speech.audio.delta` events and `speech.audio.done` with `usage`), `POST
 *   /v1/audio/transcriptions` and `/translations` (multipart in; json, text, srt, vtt,
 *   verbose_json with `duration` from the WAV's header and whisper-1's `usage: {type:
 *   "duration"}`, or `stream=true` as `transcript.text.delta` / `transcript.text.done` events).
 * - Gemini (`geminiUrl`, the host root): `:generateContent` with `responseModalities: ["AUDIO"]`
 *   (PCM s16le 24 kHz in `inlineData`, `audio/L16;codec=pcm;rate=24000`), or with an audio
 *   `inlineData` part (a transcript, audio tokens at 32 a second in `promptTokensDetails`).
 * Faults, one per request in order: `fail({status, retryAfterSeconds})` answers that status in the
 * vendor's error shape (429 with `retry-after`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { emulatedTranscript, mp3Frames, tonePcm, toneWav, wavSeconds } from './audio-format.js';
import { listen, readBody } from './server.js';

export interface AudioRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** JSON bodies parsed; multipart forms as their text fields plus the file's size. */
  body: Record<string, unknown>;
  /** Arrival order across every audio emulator of the process (which of two channels was called last). */
  sequence: number;
}

let arrivals = 0;

export interface AudioEmulator {
  /** OpenAI base URL (`http://127.0.0.1:PORT/v1`). */
  url: string;
  /** Gemini host root. */
  geminiUrl: string;
  requests: AudioRequest[];
  fail(fault: { status: number; retryAfterSeconds?: number }): void;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  mp3: 'audio/mpeg',
  opus: 'audio/opus',
  aac: 'audio/aac',
  flac: 'audio/flac',
  wav: 'audio/wav',
  pcm: 'audio/pcm',
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sse(res: ServerResponse, events: unknown[]): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
  res.end();
}

function speechAudio(format: string): Buffer {
  if (format === 'wav') return toneWav(0.5);
  if (format === 'pcm') return tonePcm(0.5);
  return mp3Frames(12);
}

async function openAISpeech(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
  const format = typeof body.response_format === 'string' ? body.response_format : 'mp3';
  const audio = speechAudio(format);
  if (body.stream_format === 'sse') {
    const input = String(body.input ?? '');
    const third = Math.ceil(audio.length / 3);
    const deltas = [0, 1, 2].map((index) => ({
      type: 'speech.audio.delta',
      audio: audio.subarray(index * third, (index + 1) * third).toString('base64'),
    }));
    const usage = { input_tokens: Math.ceil(input.length / 4), output_tokens: 150, total_tokens: 0 };
    usage.total_tokens = usage.input_tokens + usage.output_tokens;
    sse(res, [...deltas, { type: 'speech.audio.done', usage }]);
    return;
  }
  res.writeHead(200, { 'content-type': CONTENT_TYPES[format] ?? 'audio/mpeg', 'transfer-encoding': 'chunked' });
  const third = Math.ceil(audio.length / 3);
  for (let index = 0; index < 3; index++) {
    res.write(audio.subarray(index * third, (index + 1) * third));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  res.end();
}

function srtTime(seconds: number, separator: string): string {
  const ms = Math.round(seconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

async function openAITranscription(
  res: ServerResponse,
  label: string,
  task: 'transcribe' | 'translate',
  form: FormData,
  recorded: Record<string, unknown>,
): Promise<void> {
  const file = form.get('file');
  const model = String(form.get('model') ?? '');
  if (!(file instanceof Blob) || !model) {
    json(res, 400, {
      error: { message: "'file' and 'model' are required.", type: 'invalid_request_error', param: 'file', code: null },
    });
    return;
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  recorded.fileBytes = bytes.length;
  const duration = wavSeconds(bytes);
  const text = emulatedTranscript(label, task);
  const whisper = model.includes('whisper');
  const usage = whisper
    ? { type: 'duration', seconds: Math.ceil(duration) }
    : {
        type: 'tokens',
        input_tokens: 20 + Math.ceil(duration * 10),
        input_token_details: { text_tokens: 20, audio_tokens: Math.ceil(duration * 10) },
        output_tokens: Math.ceil(text.length / 4),
        total_tokens: 20 + Math.ceil(duration * 10) + Math.ceil(text.length / 4),
      };
  if (form.get('stream') === 'true') {
    const words = text.split(' ');
    sse(res, [
      ...words.map((word, index) => ({ type: 'transcript.text.delta', delta: index === 0 ? word : ` ${word}` })),
      { type: 'transcript.text.done', text, usage },
    ]);
    return;
  }
  const format = String(form.get('response_format') ?? 'json');
  const segments = [
    {
      id: 0,
      seek: 0,
      start: 0,
      end: duration,
      text: ` ${text}`,
      tokens: [1],
      temperature: 0,
      avg_logprob: -0.2,
      compression_ratio: 1,
      no_speech_prob: 0.01,
    },
  ];
  switch (format) {
    case 'text':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`${text}\n`);
      return;
    case 'srt':
    case 'vtt': {
      const separator = format === 'srt' ? ',' : '.';
      const cue = `${srtTime(0, separator)} --> ${srtTime(duration, separator)}\n${text}\n`;
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(format === 'srt' ? `1\n${cue}\n` : `WEBVTT\n\n${cue}\n`);
      return;
    }
    case 'verbose_json':
      json(res, 200, { task, language: 'english', duration, text, segments, usage });
      return;
    default:
      json(res, 200, { text, usage });
  }
}

function geminiGenerate(res: ServerResponse, label: string, body: Record<string, unknown>): void {
  const config = (body.generationConfig ?? {}) as { responseModalities?: string[] };
  const parts = (body.contents as Array<{ parts?: Array<Record<string, unknown>> }>)?.[0]?.parts ?? [];
  const promptText = parts.map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
  if (config.responseModalities?.includes('AUDIO')) {
    const pcm = tonePcm(0.5);
    json(res, 200, {
      candidates: [
        {
          content: {
            role: 'model',
            parts: [{ inlineData: { mimeType: 'audio/L16;codec=pcm;rate=24000', data: pcm.toString('base64') } }],
          },
          finishReason: 'STOP',
          index: 0,
        },
      ],
      usageMetadata: {
        promptTokenCount: Math.ceil(promptText.length / 4),
        candidatesTokenCount: 16,
        totalTokenCount: Math.ceil(promptText.length / 4) + 16,
        promptTokensDetails: [{ modality: 'TEXT', tokenCount: Math.ceil(promptText.length / 4) }],
      },
      modelVersion: 'gemini-2.5-flash-preview-tts',
    });
    return;
  }
  const audio = parts.find((part) => part.inlineData) as { inlineData?: { data?: string } } | undefined;
  const seconds = wavSeconds(Buffer.from(audio?.inlineData?.data ?? '', 'base64'));
  const audioTokens = Math.ceil(seconds * 32);
  const task = promptText.startsWith('Translate') ? 'translate' : 'transcribe';
  const text = emulatedTranscript(label, task);
  json(res, 200, {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: {
      promptTokenCount: audioTokens + Math.ceil(promptText.length / 4),
      candidatesTokenCount: Math.ceil(text.length / 4),
      totalTokenCount: audioTokens + Math.ceil(promptText.length / 4) + Math.ceil(text.length / 4),
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: Math.ceil(promptText.length / 4) },
        { modality: 'AUDIO', tokenCount: audioTokens },
      ],
    },
    modelVersion: 'gemini-2.5-flash',
  });
}

export async function startAudioEmulator(options: { label?: string } = {}): Promise<AudioEmulator> {
  const label = options.label ?? 'audio';
  const requests: AudioRequest[] = [];
  const faults: Array<{ status: number; retryAfterSeconds?: number }> = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const gemini = path.startsWith('/v1beta/');
    const recorded: AudioRequest = { path, headers: req.headers, body: {}, sequence: ++arrivals };
    requests.push(recorded);
    let form: FormData | undefined;
    if (contentType.startsWith('multipart/form-data')) {
      form = await new Response(new Uint8Array(raw.buffer as ArrayBuffer, raw.byteOffset, raw.byteLength), {
        headers: { 'content-type': contentType },
      }).formData();
      for (const [name, value] of form.entries()) if (typeof value === 'string') recorded.body[name] = value;
    } else if (raw.length > 0) {
      recorded.body = JSON.parse(raw.toString('utf8'));
    }
    const fault = faults.shift();
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      if (gemini) {
        const status = fault.status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL';
        json(
          res,
          fault.status,
          { error: { code: fault.status, message: `${label}: injected ${fault.status}`, status } },
          headers,
        );
      } else {
        const type = fault.status === 429 ? 'rate_limit_exceeded' : 'server_error';
        json(
          res,
          fault.status,
          {
            error: {
              message: `${label}: injected ${fault.status}`,
              type,
              param: null,
              code: fault.status === 429 ? 'rate_limit_exceeded' : null,
            },
          },
          headers,
        );
      }
      return;
    }
    if (req.method === 'POST' && path === '/v1/audio/speech') return openAISpeech(res, recorded.body);
    if (req.method === 'POST' && (path === '/v1/audio/transcriptions' || path === '/v1/audio/translations') && form) {
      return openAITranscription(
        res,
        label,
        path.endsWith('translations') ? 'translate' : 'transcribe',
        form,
        recorded.body,
      );
    }
    if (req.method === 'POST' && gemini && path.endsWith(':generateContent'))
      return geminiGenerate(res, label, recorded.body);
    json(res, 404, { error: { message: `No route ${path}`, type: 'invalid_request_error', param: null, code: null } });
  };
  const listening = await listen((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        json(res, 500, { error: { message: String(error), type: 'server_error', param: null, code: null } });
      else res.destroy();
    });
  });
  const origin = `http://127.0.0.1:${listening.port}`;
  return {
    url: `${origin}/v1`,
    geminiUrl: origin,
    requests,
    fail(fault) {
      faults.push(fault);
    },
    close: () => listening.close(),
  };
}
