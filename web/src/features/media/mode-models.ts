/**
 * Which models each media mode offers. The gateway says what a model does by its kind
 * (`GET /v1/models` `kind`, `GET /api/models?kind=`: the catalog's mode, see
 * src/routing/model-kind.ts). Kinds are coarse where the catalog is: `audio` holds both speech
 * and transcription models, and video models are `other` until the catalog names them `video`,
 * so those two modes narrow by the model's family as well.
 */
import type { RoutableModel } from '../../components/ModelPicker';

export type MediaModelMode = 'images' | 'video' | 'speech';

/** The catalog kind `GET /api/models?kind=` is asked for, per mode. */
export const CATALOG_KIND = {
  images: 'image',
  video: 'other',
  speech: 'audio',
} as const satisfies Record<MediaModelMode, string>;

/** Text-to-speech families: OpenAI's tts-1, tts-1-hd, gpt-4o-mini-tts; Gemini's *-tts. */
const SPEECH_MODEL = /(^|[-/])tts([-.]|$)/i;
/** Video generation families: OpenAI's Sora, Google's Veo. */
const VIDEO_MODEL = /(^|[-/])(sora|veo)-/i;

/** The routable models a mode can call. */
export function modelsForMode(mode: MediaModelMode, routable: readonly RoutableModel[]): RoutableModel[] {
  return routable.filter((model) => {
    const kind = model.kind ?? 'chat';
    switch (mode) {
      case 'images':
        return kind === 'image';
      case 'speech':
        return kind === 'audio' && SPEECH_MODEL.test(model.id);
      case 'video':
        return kind === 'video' || (kind === 'other' && VIDEO_MODEL.test(model.id));
      default: {
        const unreachable: never = mode;
        return unreachable;
      }
    }
  });
}

/** Whether an image model can edit an uploaded image: gpt-image-* and Gemini's image models, not dall-e-3. */
export function canEditImages(model: string): boolean {
  return /gpt-image|gemini-.*image|dall-e-2/i.test(model);
}

/** Whether an image model is one of OpenAI's gpt-image family (answers base64 only, has `quality: low|medium|high|auto`). */
export function isGptImage(model: string): boolean {
  return /gpt-image/i.test(model);
}
