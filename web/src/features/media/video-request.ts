/**
 * OpenAI's Videos API (Sora's shape, which AIHub serves for every video model): `POST /v1/videos`
 * starts a job (JSON, or multipart when an image reference goes with it, as the official SDK
 * sends it), `GET /v1/videos/{id}` reports `status` and `progress`, `GET /v1/videos/{id}/content`
 * is the MP4 once `completed`, `GET /v1/videos` lists the caller's. Pure.
 */
export interface VideoOptions {
  seconds: readonly string[];
  sizes: readonly string[];
}

const SORA: VideoOptions = { seconds: ['4', '8', '12'], sizes: ['720x1280', '1280x720', '1024x1792', '1792x1024'] };
const VEO_SIZES = ['1280x720', '720x1280', '1920x1080', '1080x1920'];
const VEO_3: VideoOptions = { seconds: ['8', '6', '4'], sizes: VEO_SIZES };
const VEO_2: VideoOptions = { seconds: ['8', '7', '6', '5'], sizes: VEO_SIZES };

/**
 * What each family takes, its vendor's default first: Sora 4, 8 or 12 s at its four sizes (the
 * largest two on sora-2-pro only: the server says so); Veo 3 4, 6 or 8 s and Veo 2 5 to 8 s, at
 * 720p or 1080p either way up.
 */
export function videoOptions(model: string): VideoOptions {
  const name = model.toLowerCase().replace(/^[a-z0-9_-]+\//, '');
  if (name.startsWith('veo-2')) return VEO_2;
  if (name.startsWith('veo-')) return VEO_3;
  return SORA;
}

export type VideoStatus = 'queued' | 'in_progress' | 'completed' | 'failed';

/** A video job as the API answers it (the fields the console reads; others are ignored). */
export interface VideoJob {
  id: string;
  object?: string;
  model?: string;
  status: VideoStatus | string;
  /** 0–100. */
  progress?: number;
  created_at?: number;
  completed_at?: number | null;
  seconds?: string;
  size?: string;
  prompt?: string;
  error?: { code?: string; message?: string } | null;
}

export interface VideoSettings {
  model: string;
  prompt: string;
  seconds: string;
  size: string;
}

/** The request: a JSON body, or a form carrying `input_reference` when an image is given. */
export function videoRequest(settings: VideoSettings, image: File | null): { json: unknown } | { form: FormData } {
  const fields = { model: settings.model, prompt: settings.prompt, seconds: settings.seconds, size: settings.size };
  if (!image) return { json: fields };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('input_reference', image, image.name);
  return { form };
}

/** Whether the job has ended (nothing more to poll). */
export function isVideoFinished(status: string): boolean {
  return status === 'completed' || status === 'failed';
}

/** Progress in whole percent, 0–100 (a finished job is 100 whatever it says). */
export function videoProgress(job: Pick<VideoJob, 'status' | 'progress'>): number {
  if (job.status === 'completed') return 100;
  const value = typeof job.progress === 'number' && Number.isFinite(job.progress) ? job.progress : 0;
  return Math.max(0, Math.min(100, Math.round(value)));
}

export function videoContentPath(id: string): string {
  return `/v1/videos/${encodeURIComponent(id)}/content`;
}

export function videoPath(id: string): string {
  return `/v1/videos/${encodeURIComponent(id)}`;
}
