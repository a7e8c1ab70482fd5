/**
 * Body schemas of the relay's `/v1` routes, which the OpenAPI document (the REST API's) does not
 * describe: each surface's own request schema, as JSON Schema. A `/v1` route missing here is still
 * fuzzed, with generic JSON bodies.
 */
import { z } from 'zod';
import { anthropicRequestSchema } from '../../src/surfaces/anthropic/request-schema.js';
import { chatCompletionRequestSchema } from '../../src/surfaces/openai/request-schema.js';
import { responsesRequestSchema } from '../../src/surfaces/responses/request-schema.js';
import type { JsonSchema } from './route-table.js';

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

export const V1_BODY_SCHEMAS: Record<string, JsonSchema> = {
  'POST /v1/chat/completions': jsonSchemaOf(chatCompletionRequestSchema),
  'POST /v1/messages': jsonSchemaOf(anthropicRequestSchema),
  // count_tokens reads a Messages body without the answer's settings: the same schema describes it.
  'POST /v1/messages/count_tokens': jsonSchemaOf(anthropicRequestSchema),
  'POST /v1/responses': jsonSchemaOf(responsesRequestSchema),
};
