import type { JobRequestBase } from '../jobs/job-types.js';

/** A reference image the video starts from (`input_reference`): uploaded bytes, or a URL the caller gave. */
export type VideoReference =
  | { kind: 'file'; bytes: Uint8Array; filename: string; contentType: string }
  | { kind: 'url'; url: string };

/** `POST /v1/videos`, decoded and defaulted (video-request.ts). */
export interface VideoRequest {
  model: string;
  prompt: string;
  /** Whole seconds of video asked for. */
  seconds: number;
  /** `WIDTHxHEIGHT`, as OpenAI names sizes. */
  size: string;
  inputReference?: VideoReference;
}

/** What a video job keeps of its request (the `media_jobs.request` JSON): enough to answer and to poll. */
export interface VideoJobRequest extends JobRequestBase {
  prompt: string;
  seconds: number;
  size: string;
  /** The channel key the job was submitted with: the vendor knows the job under that key only. */
  channelKeyId: string;
}

/** A completed video's result (the `media_jobs.result` JSON). */
export interface VideoJobResult {
  seconds: number;
  size: string;
  /** Veo: the generated file's URI, downloaded with the channel's key. OpenAI: none (content by id). */
  uri?: string;
  /** When the vendor stops serving the files (OpenAI `expires_at`, seconds), when it says. */
  expiresAt?: number;
}

export type VideoVariant = 'video' | 'thumbnail' | 'spritesheet';
