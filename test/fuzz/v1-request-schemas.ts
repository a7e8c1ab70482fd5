/**
 * Body schemas of the relay's `/v1` routes, which the OpenAPI document (the REST API's) does not
 * describe: each surface's own request schema, as JSON Schema. A `/v1` route missing here is still
 * fuzzed, with generic JSON bodies.
 */
import { z } from 'zod';
import { chatCompletionRequestSchema } from '../../src/surfaces/openai/request-schema.js';
import type { JsonSchema } from './route-table.js';

export const V1_BODY_SCHEMAS: Record<string, JsonSchema> = {
  'POST /v1/chat/completions': z.toJSONSchema(chatCompletionRequestSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema,
};
