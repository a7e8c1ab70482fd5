/**
 * The video model families behind /v1/videos and what each accepts: OpenAI's Sora (4, 8 or 12 s;
 * its four sizes, the largest two on sora-2-pro only, which the price sheet decides) and Google's
 * Veo (veo-3.x: 4, 6 or 8 s; veo-2: 5 to 8 s; 720p and 1080p, either orientation). Defaults are the
 * vendors' own: Sora 4 s at 720x1280, Veo 8 s at 1280x720.
 */
export interface VideoFamily {
  family: 'sora' | 'veo';
  seconds: readonly number[];
  defaultSeconds: number;
  defaultSize: string;
}

const SORA: VideoFamily = { family: 'sora', seconds: [4, 8, 12], defaultSeconds: 4, defaultSize: '720x1280' };
const VEO_3: VideoFamily = { family: 'veo', seconds: [4, 6, 8], defaultSeconds: 8, defaultSize: '1280x720' };
const VEO_2: VideoFamily = { family: 'veo', seconds: [5, 6, 7, 8], defaultSeconds: 8, defaultSize: '1280x720' };

/** The family of a model id (an upstream model or what the caller named), or undefined when not a video model. */
export function videoFamilyOf(model: string): VideoFamily | undefined {
  const name = model.toLowerCase().replace(/^[a-z0-9_-]+\//, '');
  if (name.startsWith('sora')) return SORA;
  if (name.startsWith('veo-2')) return VEO_2;
  if (name.startsWith('veo-')) return VEO_3;
  return undefined;
}

/** `1280x720` → Veo's aspect ratio and resolution. */
export function veoShapeOf(size: string): { aspectRatio: '16:9' | '9:16'; resolution: '720p' | '1080p' } | undefined {
  const [width, height] = size.split('x').map(Number);
  const longSide = Math.max(width, height);
  const shortSide = Math.min(width, height);
  const resolution =
    shortSide === 720 && longSide === 1280 ? '720p' : shortSide === 1080 && longSide === 1920 ? '1080p' : undefined;
  if (!resolution) return undefined;
  return { aspectRatio: width > height ? '16:9' : '9:16', resolution };
}
