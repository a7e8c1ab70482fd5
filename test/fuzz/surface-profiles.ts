/**
 * What the suite knows of each inbound API beyond its request schema: valid bodies as its clients
 * write them (the schema alone cannot build an Anthropic content block or a Responses item), and
 * the headers and query its clients send around them. Keyed by route (`POST /v1/messages`).
 */
import type fc from 'fast-check';
import { anthropicCountTokensBody, anthropicMessagesBody } from './anthropic-bodies.js';
import { geminiActionPath, geminiCountTokensBody, geminiGenerateBody } from './gemini-bodies.js';
import { responsesBody } from './responses-bodies.js';
import type { FuzzRoute } from './route-table.js';
import { routeName } from './route-table.js';
import type { SchemaHints } from './schema-arbitrary.js';
import { anthropicParts, geminiParts, responsesParts, type SurfaceParts } from './surface-headers.js';

export interface SurfaceProfile {
  /** Valid bodies, mixed with the schema's own; absent for routes without a body. */
  validBody?(hints: SchemaHints): fc.Arbitrary<unknown>;
  /**
   * The request path, for routes whose path is data (Gemini's `/v1beta/models/{model}:{action}`):
   * it replaces the route's own path and path parameters.
   */
  path?(hints: SchemaHints): fc.Arbitrary<string>;
  /** The caller's credentials placed as this surface's clients place them, plus their headers and query. */
  parts(callerHeaders: Record<string, string>): fc.Arbitrary<SurfaceParts>;
}

/** Gemini's routes as its clients call them (how the server routes them is its own affair). */
export const GEMINI_ROUTES = {
  generateContent: 'POST /v1beta/models/{model}:generateContent',
  streamGenerateContent: 'POST /v1beta/models/{model}:streamGenerateContent',
  countTokens: 'POST /v1beta/models/{model}:countTokens',
  listModels: 'GET /v1beta/models',
  getModel: 'GET /v1beta/models/{model}',
} as const;

const modelOf = (hints: SchemaHints) => hints.property?.('model') as fc.Arbitrary<unknown>;

const PROFILES: Record<string, SurfaceProfile> = {
  'POST /v1/messages': { validBody: (hints) => anthropicMessagesBody(modelOf(hints)), parts: anthropicParts },
  'POST /v1/messages/count_tokens': {
    validBody: (hints) => anthropicCountTokensBody(modelOf(hints)),
    parts: anthropicParts,
  },
  'POST /v1/responses': { validBody: (hints) => responsesBody(modelOf(hints)), parts: responsesParts },
  // Gemini names the model and the action in the path: one route each, as its clients see them.
  [GEMINI_ROUTES.generateContent]: {
    validBody: () => geminiGenerateBody,
    path: (hints) => geminiActionPath(modelOf(hints), 'generateContent'),
    parts: geminiParts,
  },
  [GEMINI_ROUTES.streamGenerateContent]: {
    validBody: () => geminiGenerateBody,
    path: (hints) => geminiActionPath(modelOf(hints), 'streamGenerateContent'),
    parts: geminiParts,
  },
  [GEMINI_ROUTES.countTokens]: {
    validBody: (hints) => geminiCountTokensBody(modelOf(hints)),
    path: (hints) => geminiActionPath(modelOf(hints), 'countTokens'),
    parts: geminiParts,
  },
  [GEMINI_ROUTES.listModels]: { parts: geminiParts },
  [GEMINI_ROUTES.getModel]: {
    path: (hints) => modelOf(hints).map((model) => `/v1beta/models/${encodeURIComponent(String(model))}`),
    parts: geminiParts,
  },
};

export function surfaceProfileOf(route: Pick<FuzzRoute, 'method' | 'path'>): SurfaceProfile | undefined {
  return PROFILES[routeName(route)];
}
