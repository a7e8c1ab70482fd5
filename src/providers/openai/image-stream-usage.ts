import type { ImageTokenUsage } from '../../images/image-types.js';
import type { SseEvent } from '../provider.js';
import { decodeOpenAIImageUsage } from './images.js';

/**
 * Reads, on the side, the usage of an OpenAI image stream whose events go to the client as they
 * are: `image_generation.partial_image` / `image_edit.partial_image` (no usage), then one
 * `image_generation.completed` / `image_edit.completed` per image with that image's `usage`. The
 * bill is the sum over the completed events; a stream that ends without one (an `error` event, a
 * cut connection) delivered no image and is charged nothing.
 */
export interface ImageStreamTally {
  /** Completed images seen. */
  completed: number;
  partials: number;
  usage?: ImageTokenUsage;
  /** The `error` event's error object, when the vendor sent one. */
  error?: unknown;
}

function add(total: ImageTokenUsage | undefined, next: ImageTokenUsage): ImageTokenUsage {
  if (!total) return next;
  const sum = (a: number | undefined, b: number | undefined) =>
    a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
  const added: ImageTokenUsage = {
    inputTokens: total.inputTokens + next.inputTokens,
    outputTokens: total.outputTokens + next.outputTokens,
    raw: [...(Array.isArray(total.raw) ? total.raw : [total.raw]), next.raw],
  };
  const fields = ['inputTextTokens', 'inputImageTokens', 'outputImageTokens', 'outputTextTokens'] as const;
  for (const field of fields) {
    const value = sum(total[field], next[field]);
    if (value !== undefined) added[field] = value;
  }
  return added;
}

export function tallyImageStreamEvent(tally: ImageStreamTally, event: SseEvent): void {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(event.data) as Record<string, unknown>;
  } catch {
    return;
  }
  const type = typeof data?.type === 'string' ? data.type : event.event;
  if (type === 'image_generation.partial_image' || type === 'image_edit.partial_image') tally.partials += 1;
  else if (type === 'image_generation.completed' || type === 'image_edit.completed') {
    tally.completed += 1;
    const usage = decodeOpenAIImageUsage(data.usage);
    if (usage) tally.usage = add(tally.usage, usage);
  } else if (type === 'error') tally.error = data.error ?? data;
}

export function emptyImageStreamTally(): ImageStreamTally {
  return { completed: 0, partials: 0 };
}
