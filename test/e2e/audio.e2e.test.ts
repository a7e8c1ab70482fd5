/**
 * OpenAI's audio endpoints end to end with the official `openai` package against the real server
 * on SQLite: speech to OpenAI (tts-1 bytes streamed to a file, gpt-4o-mini-tts whose events AIHub
 * asks for and decodes, `stream_format: "sse"`) and to Gemini TTS (PCM wrapped as WAV, raw PCM, a
 * clear 400 for formats it cannot make); transcriptions and translations with whisper-1 (json,
 * text, verbose_json, srt, shaped from the verbose_json AIHub asks for), gpt-4o-transcribe
 * streamed, and Gemini; failover from a 429 channel to the next; clear 4xx for bad input and a
 * 413 above 25 MB, nothing sent upstream; log rows marked `speech` and `transcription`.
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { getBuiltinCatalog } from '../../src/catalog/catalog.js';
import { type AudioEmulator, startAudioEmulator } from '../emulators/audio-emulator.js';
import { toneWav } from '../emulators/audio-format.js';
import { ADMIN_KEY, type Gateway, startGateway, UPSTREAM_KEY } from './gateway-harness.js';
import { asAdmin, createKey, register, type Session, waitForLog } from './platform-client.js';

let gateway: Gateway;
let openaiA: AudioEmulator;
let openaiB: AudioEmulator;
let gemini: AudioEmulator;
let configDir: string;
let client: OpenAI;
let user: Session;
let userClient: OpenAI;

beforeAll(async () => {
  [openaiA, openaiB, gemini] = await Promise.all([
    startAudioEmulator({ label: 'OpenAI A' }),
    startAudioEmulator({ label: 'OpenAI B' }),
    startAudioEmulator({ label: 'Gemini' }),
  ]);
  configDir = mkdtempSync(join(tmpdir(), 'aihub-audio-'));
  const configPath = join(configDir, 'aihub.yaml');
  const models = ['tts-1', 'gpt-4o-mini-tts', 'whisper-1', 'gpt-4o-transcribe'];
  writeFileSync(
    configPath,
    stringify({
      channels: [
        { name: 'openai-a', type: 'openai', base_url: openaiA.url, key: UPSTREAM_KEY, models, priority: 20 },
        { name: 'openai-b', type: 'openai', base_url: openaiB.url, key: UPSTREAM_KEY, models, priority: 10 },
        {
          name: 'gemini',
          type: 'gemini',
          base_url: gemini.geminiUrl,
          key: UPSTREAM_KEY,
          models: ['gemini-2.5-flash-preview-tts', 'gemini-2.5-flash'],
        },
      ],
    }),
  );
  gateway = await startGateway({ AIHUB_CONFIG: configPath, GEMINI_API_KEY: '', OPENAI_API_KEY: '' });
  client = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
  user = await register(gateway, 'listener@example.com');
  const topUp = await asAdmin(gateway, 'POST', `/api/admin/users/${user.userId}/adjust`, {
    amount: 10_000_000,
    reason: 'audio test credit',
  });
  expect(topUp.status).toBe(200);
  userClient = new OpenAI({ apiKey: (await createKey(gateway, user)).key, baseURL: gateway.baseURL, maxRetries: 0 });
});

afterAll(async () => {
  await gateway?.close();
  await Promise.all([openaiA?.close(), openaiB?.close(), gemini?.close()]);
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

/** Streams a speech answer's body to a file, as a client saving audio does, and reads it back. */
async function saveSpeech(response: Response): Promise<Buffer> {
  const path = join(configDir, `speech-${Math.random().toString(36).slice(2)}`);
  await pipeline(Readable.fromWeb(response.body as WebReadableStream), createWriteStream(path));
  return readFileSync(path);
}

async function logRow(requestId: string): Promise<Record<string, unknown>> {
  for (let index = 0; index < 100; index++) {
    const reply = await asAdmin(gateway, 'GET', `/api/logs/${requestId}`);
    if (reply.status === 200) return reply.json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`log row ${requestId} never appeared`);
}

function lastRequest(emulator: AudioEmulator) {
  return emulator.requests[emulator.requests.length - 1];
}

/** The last request either OpenAI channel got (a 429 elsewhere in the file cools channel A down for a second). */
function lastOpenAIRequest() {
  const a = lastRequest(openaiA);
  const b = lastRequest(openaiB);
  return (a?.sequence ?? 0) > (b?.sequence ?? 0) ? a : b;
}

describe('POST /v1/audio/speech', () => {
  it('streams tts-1 mp3 bytes to the client with the audio content-type, and logs a speech row', async () => {
    const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hello there.' });
    expect(response.headers.get('content-type')).toBe('audio/mpeg');
    const audio = await saveSpeech(response);
    expect(audio.length).toBe(12 * 417);
    expect([...audio.subarray(0, 4)]).toEqual([0xff, 0xfb, 0x90, 0x64]);
    expect(lastOpenAIRequest()?.body).toMatchObject({ model: 'tts-1', voice: 'alloy', response_format: 'mp3' });
    const log = await logRow(response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({ endpoint: 'speech', status: 200, modelRequested: 'tts-1' });
  });

  it('asks gpt-4o-mini-tts for its events (the usage is only there) and gives a bytes client the decoded WAV', async () => {
    const response = await client.audio.speech.create({
      model: 'gpt-4o-mini-tts',
      voice: 'coral',
      input: 'Speak softly.',
      instructions: 'Whisper.',
      response_format: 'wav',
    });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const audio = await saveSpeech(response);
    expect(audio.toString('ascii', 0, 4)).toBe('RIFF');
    expect(audio.equals(toneWav(0.5))).toBe(true);
    expect(lastOpenAIRequest()?.body).toMatchObject({ stream_format: 'sse', instructions: 'Whisper.' });
    const log = await logRow(response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({ endpoint: 'speech', promptTokens: 4, completionTokens: 150, usageEstimated: false });
  });

  it('relays the events to a client that asked for sse', async () => {
    const response = await client.audio.speech.create({
      model: 'gpt-4o-mini-tts',
      voice: 'coral',
      input: 'Hi.',
      stream_format: 'sse',
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = (await response.text())
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: '))
      .map((frame) => JSON.parse(frame.slice(6)));
    expect(events.map((event) => event.type)).toEqual([
      'speech.audio.delta',
      'speech.audio.delta',
      'speech.audio.delta',
      'speech.audio.done',
    ]);
    expect(events[3].usage).toEqual({ input_tokens: 1, output_tokens: 150, total_tokens: 151 });
  });

  it('speaks through Gemini TTS: its PCM wrapped as WAV, or raw for pcm', async () => {
    const wav = await saveSpeech(
      await client.audio.speech.create({
        model: 'gemini-2.5-flash-preview-tts',
        voice: 'Kore',
        input: 'Hello.',
        response_format: 'wav',
      }),
    );
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(24)).toBe(24_000);
    expect(wav.length).toBe(44 + 24_000);
    const sent = lastRequest(gemini);
    expect(sent?.path).toBe('/v1beta/models/gemini-2.5-flash-preview-tts:generateContent');
    expect(sent?.body.generationConfig).toEqual({
      responseModalities: ['AUDIO'],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } },
    });
    const pcm = await saveSpeech(
      await client.audio.speech.create({
        model: 'gemini-2.5-flash-preview-tts',
        voice: 'kore',
        input: 'Hello.',
        response_format: 'pcm',
      }),
    );
    expect(pcm.length).toBe(24_000);
  });

  it('refuses what Gemini cannot make, and bad input, with a clear 400 and no upstream call', async () => {
    const sentBefore = gemini.requests.length + openaiA.requests.length;
    const mp3 = client.audio.speech.create({ model: 'gemini-2.5-flash-preview-tts', voice: 'Kore', input: 'Hi.' });
    await expect(mp3).rejects.toMatchObject({ status: 400, param: 'response_format' });
    await expect(mp3).rejects.toThrow(/wav or pcm/);
    const voice = client.audio.speech.create({
      model: 'gemini-2.5-flash-preview-tts',
      voice: 'alloy',
      input: 'Hi.',
      response_format: 'wav',
    });
    await expect(voice).rejects.toMatchObject({ status: 400, param: 'voice' });
    const long = client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'a'.repeat(4097) });
    await expect(long).rejects.toMatchObject({ status: 400, param: 'input', code: 'string_above_max_length' });
    const speed = client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Hi.', speed: 5 });
    await expect(speed).rejects.toMatchObject({ status: 400, param: 'speed' });
    expect(gemini.requests.length + openaiA.requests.length).toBe(sentBefore);
  });

  it('fails over from a 429 on the first channel to the second', async () => {
    openaiA.fail({ status: 429, retryAfterSeconds: 1 });
    const response = await client.audio.speech.create({ model: 'tts-1', voice: 'alloy', input: 'Again.' });
    expect((await saveSpeech(response)).length).toBe(12 * 417);
    expect(lastRequest(openaiB)?.body).toMatchObject({ input: 'Again.' });
  });
});

describe('POST /v1/audio/transcriptions and /translations', () => {
  const clip = () => toFile(toneWav(2.5, 16_000), 'clip.wav', { type: 'audio/wav' });

  it('transcribes with whisper-1 in json, asking the upstream for verbose_json (its duration is the bill)', async () => {
    const { data, response } = await client.audio.transcriptions
      .create({ model: 'whisper-1', file: await clip() })
      .withResponse();
    expect(data.text).toMatch(/^Hello from OpenAI [AB]\.$/);
    expect(data.usage).toEqual({ type: 'duration', seconds: 3 });
    expect(lastOpenAIRequest()?.body).toMatchObject({ model: 'whisper-1', response_format: 'verbose_json' });
    const log = await logRow(response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({ endpoint: 'transcription', status: 200, modelRequested: 'whisper-1' });
  });

  it('shapes whisper-1 answers into text, verbose_json and srt', async () => {
    const text = await client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await clip(),
      response_format: 'text',
    });
    expect(text).toMatch(/^Hello from OpenAI [AB]\.\n$/);
    const verbose = await client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await clip(),
      response_format: 'verbose_json',
      timestamp_granularities: ['segment'],
      language: 'en',
    });
    expect(verbose).toMatchObject({ task: 'transcribe', duration: 2.5 });
    expect(verbose.text).toMatch(/^Hello from OpenAI [AB]\.$/);
    expect(verbose.segments?.[0]).toMatchObject({ start: 0, end: 2.5 });
    expect(lastOpenAIRequest()?.body).toMatchObject({ language: 'en', 'timestamp_granularities[]': 'segment' });
    const srt = await client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await clip(),
      response_format: 'srt',
    });
    expect(srt).toMatch(/^1\n00:00:00,000 --> 00:00:02,500\nHello from OpenAI [AB]\.\n\n$/);
  });

  it('translates with whisper-1', async () => {
    const translation = await client.audio.translations.create({ model: 'whisper-1', file: await clip() });
    expect(translation.text).toMatch(/^Hello from OpenAI [AB], in English\.$/);
    expect(lastOpenAIRequest()?.path).toBe('/v1/audio/translations');
  });

  it('streams gpt-4o-transcribe events as they arrive, with the usage in transcript.text.done', async () => {
    const stream = await client.audio.transcriptions.create({
      model: 'gpt-4o-transcribe',
      file: await clip(),
      stream: true,
    });
    const events: Array<{ type: string; delta?: string }> = [];
    for await (const event of stream) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'transcript.text.done', usage: { type: 'tokens' } });
    expect(events.filter((event) => event.type === 'transcript.text.delta').map((event) => event.delta)).toEqual([
      'Hello',
      ' from',
      ' OpenAI',
      expect.stringMatching(/^ [AB]\.$/),
    ]);
  });

  it('transcribes through Gemini (an audio inlineData part), json and text only', async () => {
    const result = await client.audio.transcriptions.create({ model: 'gemini-2.5-flash', file: await clip() });
    expect(result.text).toBe('Hello from Gemini.');
    expect(result.usage).toMatchObject({ type: 'tokens', input_token_details: { audio_tokens: 80 } });
    const sent = lastRequest(gemini)?.body as {
      contents: Array<{ parts: Array<{ inlineData?: { mimeType?: string } }> }>;
    };
    expect(sent.contents[0]?.parts[1]?.inlineData?.mimeType).toBe('audio/wav');
    const srt = client.audio.transcriptions.create({
      model: 'gemini-2.5-flash',
      file: await clip(),
      response_format: 'srt',
    });
    await expect(srt).rejects.toMatchObject({ status: 400, param: 'response_format' });
  });

  it('fails over from a 429 on the first channel to the second', async () => {
    openaiA.fail({ status: 429, retryAfterSeconds: 1 });
    const result = await client.audio.transcriptions.create({ model: 'whisper-1', file: await clip() });
    expect(result.text).toBe('Hello from OpenAI B.');
  });

  it('answers bad uploads with a clear 400, and a file above 25 MB with a 413', async () => {
    const sentBefore = openaiA.requests.length;
    const noFile = new FormData();
    noFile.append('model', 'whisper-1');
    const missing = await fetch(`${gateway.baseURL}/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      body: noFile,
    });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: unknown }).error).toMatchObject({
      param: 'file',
      type: 'invalid_request_error',
    });
    const json = await fetch(`${gateway.baseURL}/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'whisper-1' }),
    });
    expect(json.status).toBe(400);
    const badFormat = client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await clip(),
      response_format: 'xml' as 'json',
    });
    await expect(badFormat).rejects.toMatchObject({ status: 400, param: 'response_format' });
    const huge = client.audio.transcriptions.create({
      model: 'whisper-1',
      file: await toFile(Buffer.alloc(25 * 1024 * 1024 + 1), 'big.mp3', { type: 'audio/mpeg' }),
    });
    await expect(huge).rejects.toMatchObject({ status: 413 });
    expect(openaiA.requests.length).toBe(sentBefore);
  });
});

describe('billing', () => {
  it('charges tts-1 per character of input (the catalog: $15 per 1M characters)', async () => {
    const input = 'Twelve chars';
    const response = await userClient.audio.speech.create({ model: 'tts-1', voice: 'alloy', input });
    await saveSpeech(response);
    const log = await waitForLog(gateway, user, response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({ endpoint: 'speech', units: { character: 12 }, cost: 12 * 15, usageEstimated: false });
  });

  it("charges whisper-1 per second of audio, from the upstream's duration rounded up ($0.0001 a second)", async () => {
    const { response } = await userClient.audio.transcriptions
      .create({ model: 'whisper-1', file: await toFile(toneWav(2.5, 16_000), 'clip.wav', { type: 'audio/wav' }) })
      .withResponse();
    const log = await waitForLog(gateway, user, response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({ endpoint: 'transcription', units: { audio_second: 3 }, cost: 300 });
  });

  it('charges gpt-4o-mini-tts by the tokens of speech.audio.done', async () => {
    const response = await userClient.audio.speech.create({
      model: 'gpt-4o-mini-tts',
      voice: 'coral',
      input: 'Eight ch',
      response_format: 'pcm',
    });
    await saveSpeech(response);
    const log = await waitForLog(gateway, user, response.headers.get('x-request-id') as string);
    expect(log).toMatchObject({ promptTokens: 2, completionTokens: 150, usageEstimated: false });
    // The input at the catalog's text rate, the 150 output tokens (all audio) at its audio rate
    // ($12 per 1M, not the $10 of text output); units per 1M tokens, rounded once.
    const prices = getBuiltinCatalog().get('openai', 'gpt-4o-mini-tts')?.prices;
    expect(prices?.outputAudio).toBeGreaterThan(prices?.output ?? Number.POSITIVE_INFINITY);
    expect(log.cost).toBe(Math.round((2 * (prices?.input ?? 0) + 150 * (prices?.outputAudio ?? 0)) / 1_000_000));
  });
});
