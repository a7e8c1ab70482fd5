import type { AudioUsage } from '../audio/audio-usage.js';
import type { SpeechRequest } from '../audio/speech-types.js';
import type { TranscriptionRequest, TranscriptResult } from '../audio/transcription-types.js';
import type { PcmLayout } from '../audio/wav.js';
import type { EncodedRequest, ProviderContext, SseEvent } from './provider.js';

/**
 * How a vendor answers speech: `stream`, the 2xx body is the audio in the format asked (or
 * OpenAI's events, for `stream_format: "sse"`), relayed as it arrives, its usage read from the
 * events; `pcm`, one JSON answer holding raw PCM (Gemini), which AIHub wraps for the client.
 */
export type SpeechAnswer =
  | { kind: 'stream'; eventUsage(event: SseEvent): AudioUsage | undefined }
  | { kind: 'pcm'; decode(body: unknown): { pcm: Buffer; layout: PcmLayout; usage?: AudioUsage } };

/** `POST /v1/audio/speech` in a vendor's API. Pure, like the rest of the provider. */
export interface SpeechCodec {
  /** The upstream request; throws the client's GatewayError (400) for what this vendor cannot say. */
  encode(request: SpeechRequest, context: ProviderContext): EncodedRequest;
  answer: SpeechAnswer;
}

/** A transcription answer in the format asked: a transcript AIHub shapes, or the vendor's text (srt, vtt) relayed as is. */
export type TranscriptAnswer = { result: TranscriptResult } | { verbatim: string };

/** `POST /v1/audio/transcriptions` and `/translations` in a vendor's API. */
export interface TranscriptionCodec {
  /** The upstream request; throws the client's GatewayError (400) for what this vendor cannot do. */
  encode(request: TranscriptionRequest, context: ProviderContext): EncodedRequest;
  /** The whole answer (its text) to the request encoded for `upstreamModel`. */
  decode(text: string, request: TranscriptionRequest, upstreamModel: string): TranscriptAnswer;
  /** The vendor streams transcripts itself (OpenAI's `transcript.text.*` events); its usage is read from them. */
  streamEventUsage?(event: SseEvent): AudioUsage | undefined;
}
