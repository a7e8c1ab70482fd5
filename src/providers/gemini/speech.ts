import type { AudioUsage } from '../../audio/audio-usage.js';
import type { SpeechRequest } from '../../audio/speech-types.js';
import { GEMINI_SPEECH_PCM, type PcmLayout } from '../../audio/wav.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { bareModelId } from './thought-signature.js';

/**
 * Gemini's prebuilt voices (ai.google.dev/gemini-api/docs/speech-generation, "Voice options").
 * OpenAI's voice names mean nothing to Gemini: a request naming one is refused with this list
 * rather than spoken in a voice the client did not choose.
 */
export const GEMINI_VOICES = [
  'Zephyr', 'Puck', 'Charon', 'Kore', 'Fenrir', 'Leda', 'Orus', 'Aoede', 'Callirrhoe', 'Autonoe',
  'Enceladus', 'Iapetus', 'Umbriel', 'Algieba', 'Despina', 'Erinome', 'Algenib', 'Rasalgethi',
  'Laomedeia', 'Achernar', 'Alnilam', 'Schedar', 'Gacrux', 'Pulcherrima', 'Achird', 'Zubenelgenubi',
  'Vindemiatrix', 'Sadachbia', 'Sadaltager', 'Sulafat',
] as const; // biome-ignore format: a list of names

/** The formats AIHub makes from Gemini's PCM without an encoder. */
export const GEMINI_SPEECH_FORMATS = ['wav', 'pcm'] as const;

function invalid(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, retryable: false });
}

function geminiVoice(voice: SpeechRequest['voice'], model: string): string {
  const name = typeof voice === 'string' ? voice : voice.id;
  const known = GEMINI_VOICES.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  if (!known) {
    throw invalid(
      `'${name}' is not a voice of ${model} (a Gemini model); its voices are ${GEMINI_VOICES.join(', ')}.`,
      'voice',
    );
  }
  return known;
}

/**
 * `POST {base}/v1beta/models/{model}:generateContent` asking for audio: the text as the one user
 * part (the client's `instructions` before it, as Gemini takes style direction in the prompt:
 * "Say cheerfully: ..."), `responseModalities: ["AUDIO"]` and the prebuilt voice. Gemini answers
 * PCM only: `wav` (a header added) and `pcm` can be served, any other format is the client's 400
 * here, not a reason to try another channel. `speed` has no Gemini field: dropped and reported.
 */
export function encodeGeminiSpeech(request: SpeechRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  if (!(GEMINI_SPEECH_FORMATS as readonly string[]).includes(request.format)) {
    throw invalid(
      `${request.model} (a Gemini model) answers raw PCM: response_format must be ${GEMINI_SPEECH_FORMATS.join(' or ')}, not '${request.format}'.`,
      'response_format',
    );
  }
  const voiceName = geminiVoice(request.voice, request.model);
  const text = request.instructions ? `${request.instructions}: ${request.input}` : request.input;
  const model = bareModelId(target.model);
  const body = {
    contents: [{ role: 'user', parts: [{ text }] }],
    generationConfig: {
      responseModalities: ['AUDIO'],
      speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName } } },
    },
  };
  return {
    http: {
      method: 'POST',
      url: `${target.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(model)}:generateContent`,
      headers: { 'content-type': 'application/json', ...target.headers, 'x-goog-api-key': target.apiKey },
      body: JSON.stringify(body),
    },
    droppedParams: request.speed !== undefined && request.speed !== 1 ? ['speed'] : [],
  };
}

export interface GeminiSpeech {
  pcm: Buffer;
  layout: PcmLayout;
  usage?: AudioUsage;
}

/** `audio/L16;codec=pcm;rate=24000` → its layout (Gemini's default where a field is missing). */
function layoutOf(mimeType: unknown): PcmLayout {
  const rate = typeof mimeType === 'string' ? /rate=(\d+)/i.exec(mimeType)?.[1] : undefined;
  return rate ? { ...GEMINI_SPEECH_PCM, sampleRate: Number(rate) } : GEMINI_SPEECH_PCM;
}

/** Gemini's `usageMetadata` of a generateContent answer as audio usage. */
export function geminiAudioUsage(metadata: unknown, outputIsAudio: boolean): AudioUsage | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const record = metadata as Record<string, unknown>;
  const number = (value: unknown) => (typeof value === 'number' && value >= 0 ? value : undefined);
  const usage: AudioUsage = {};
  const input = number(record.promptTokenCount);
  const output = number(record.candidatesTokenCount);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) {
    usage.outputTokens = output;
    if (outputIsAudio) usage.outputAudioTokens = output;
  }
  const details = Array.isArray(record.promptTokensDetails) ? record.promptTokensDetails : [];
  const audio = details.find((item) => (item as { modality?: unknown })?.modality === 'AUDIO') as
    | { tokenCount?: unknown }
    | undefined;
  if (number(audio?.tokenCount) !== undefined) usage.inputAudioTokens = audio?.tokenCount as number;
  return input === undefined && output === undefined ? undefined : usage;
}

/** The PCM in the answer's `inlineData` parts (joined, in order), its layout and the usage. */
export function decodeGeminiSpeech(body: unknown): GeminiSpeech {
  const record = (body ?? {}) as { candidates?: Array<{ content?: { parts?: unknown[] } }>; usageMetadata?: unknown };
  const parts = record.candidates?.[0]?.content?.parts ?? [];
  const audio = parts
    .map((part) => (part as { inlineData?: { mimeType?: unknown; data?: unknown } })?.inlineData)
    .filter((inline): inline is { mimeType?: unknown; data: string } => typeof inline?.data === 'string');
  if (audio.length === 0) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'The upstream answered a speech request without audio.',
      code: 'upstream_invalid_response',
    });
  }
  const result: GeminiSpeech = {
    pcm: Buffer.concat(audio.map((inline) => Buffer.from(inline.data, 'base64'))),
    layout: layoutOf(audio[0]?.mimeType),
  };
  const usage = geminiAudioUsage(record.usageMetadata, true);
  if (usage) result.usage = usage;
  return result;
}
