import { anthropicMessagesSurface } from './anthropic/index.js';
import { geminiSurface } from './gemini/index.js';
import { openAIChatSurface } from './openai/index.js';
import type { Surface } from './surface.js';

export type { Surface, SurfaceId, SurfaceInput } from './surface.js';

/** Path prefixes of the surfaces whose error envelope is not OpenAI's, longest first. */
const ENVELOPE_BY_PREFIX: Array<[prefix: string, surface: Surface]> = [
  ['/v1/messages', anthropicMessagesSurface],
  ['/v1beta/', geminiSurface],
];

/**
 * Which surface's error envelope a path answers in, for errors raised before a route runs (a body
 * too large, malformed JSON, an unknown path): a client gets errors its SDK can parse.
 */
export function surfaceForPath(url: string): Surface {
  for (const [prefix, surface] of ENVELOPE_BY_PREFIX) if (url.startsWith(prefix)) return surface;
  return openAIChatSurface;
}
