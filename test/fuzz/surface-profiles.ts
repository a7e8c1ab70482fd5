/**
 * What the suite knows of each inbound API beyond its request schema: valid bodies as its clients
 * write them (the schema alone cannot build an Anthropic content block or a Responses item), and
 * the headers and query its clients send around them. Keyed by route (`POST /v1/messages`).
 */
import type fc from 'fast-check';
import { anthropicCountTokensBody, anthropicMessagesBody } from './anthropic-bodies.js';
import { responsesBody } from './responses-bodies.js';
import type { FuzzRoute } from './route-table.js';
import { routeName } from './route-table.js';
import type { SchemaHints } from './schema-arbitrary.js';
import { anthropicParts, responsesParts, type SurfaceParts } from './surface-headers.js';

export interface SurfaceProfile {
  /** Valid bodies, mixed with the schema's own. */
  validBody(hints: SchemaHints): fc.Arbitrary<unknown>;
  /** The caller's credentials placed as this surface's clients place them, plus their headers and query. */
  parts(callerHeaders: Record<string, string>): fc.Arbitrary<SurfaceParts>;
}

const modelOf = (hints: SchemaHints) => hints.property?.('model') as fc.Arbitrary<unknown>;

const PROFILES: Record<string, SurfaceProfile> = {
  'POST /v1/messages': { validBody: (hints) => anthropicMessagesBody(modelOf(hints)), parts: anthropicParts },
  'POST /v1/messages/count_tokens': {
    validBody: (hints) => anthropicCountTokensBody(modelOf(hints)),
    parts: anthropicParts,
  },
  'POST /v1/responses': { validBody: (hints) => responsesBody(modelOf(hints)), parts: responsesParts },
};

export function surfaceProfileOf(route: Pick<FuzzRoute, 'method' | 'path'>): SurfaceProfile | undefined {
  return PROFILES[routeName(route)];
}
