import type { ResponseFormat } from '../../ir/index.js';
import type { AnthropicJsonOutputFormat, AnthropicTextBlock } from './wire-types.js';

/**
 * How a client's JSON output request reaches Claude.
 * - A JSON schema, on a model with structured outputs (Claude Sonnet 4.5, Opus 4.1, Haiku 4.5,
 *   Opus 4.5 and every later generation): `output_config.format: {type: 'json_schema', schema}`,
 *   which constrains decoding, so the answer is guaranteed to parse and match (the recorded
 *   pydantic-ai request `test_anthropic_native_output_decimal_strict` sends exactly this).
 * - Older models, and `json_object` (the format needs a schema): a system instruction. It works
 *   on every model and keeps the answer in ordinary text, which is what an OpenAI client expects;
 *   a forced synthetic tool would turn the answer into a tool call the client never declared.
 */
export interface ClaudeOutputFormat {
  format?: AnthropicJsonOutputFormat;
  instruction: AnthropicTextBlock[];
}

export function claudeOutputFormat(format: ResponseFormat | undefined, model: string): ClaudeOutputFormat {
  if (!format || format.type === 'text') return { instruction: [] };
  if (format.type === 'json_object') {
    return {
      instruction: [
        { type: 'text', text: 'Respond only with a single valid JSON object, with no text before or after it.' },
      ],
    };
  }
  if (claudeHasStructuredOutputs(model))
    return { format: { type: 'json_schema', schema: format.schema }, instruction: [] };
  const description = format.description ? ` (${format.description})` : '';
  return {
    instruction: [
      {
        type: 'text',
        text:
          `Respond only with a single valid JSON value, with no text before or after it, that matches ` +
          `the JSON schema "${format.name}"${description}:\n${JSON.stringify(format.schema)}`,
      },
    ],
  };
}

/** `claude-<family>-<major>[-<minor>]…`: 4.5 and later, and Opus 4.1. Older ids (`claude-3-7-…`) have none. */
export function claudeHasStructuredOutputs(model: string): boolean {
  const match = /^(?:[a-z]+\/)?claude-([a-z]+)-(\d{1,2})(?:[-.](\d{1,2}))?(?:-|$|@)/i.exec(model);
  if (!match) return false;
  const family = (match[1] ?? '').toLowerCase();
  const major = Number(match[2]);
  const minor = match[3] === undefined ? 0 : Number(match[3]);
  if (major >= 5) return true;
  if (major !== 4) return false;
  return minor >= 5 || (family === 'opus' && minor === 1);
}
