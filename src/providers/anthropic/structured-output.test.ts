import { describe, expect, it } from 'vitest';
import { claudeHasStructuredOutputs, claudeOutputFormat } from './structured-output.js';

const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

describe('claudeOutputFormat', () => {
  it('constrains a JSON schema answer with output_config.format where the model has structured outputs', () => {
    expect(claudeOutputFormat({ type: 'json_schema', name: 'place', schema }, 'claude-sonnet-4-5')).toEqual({
      format: { type: 'json_schema', schema },
      instruction: [],
    });
  });

  it('falls back to a system instruction on older models and for json_object', () => {
    const older = claudeOutputFormat({ type: 'json_schema', name: 'place', schema }, 'claude-sonnet-4-20250514');
    expect(older.format).toBeUndefined();
    expect(older.instruction[0]?.text).toContain('"place"');
    expect(older.instruction[0]?.text).toContain(JSON.stringify(schema));
    const object = claudeOutputFormat({ type: 'json_object' }, 'claude-opus-4-5');
    expect(object.format).toBeUndefined();
    expect(object.instruction[0]?.text).toContain('JSON object');
    expect(claudeOutputFormat({ type: 'text' }, 'claude-opus-4-5')).toEqual({ instruction: [] });
    expect(claudeOutputFormat(undefined, 'claude-opus-4-5')).toEqual({ instruction: [] });
  });
});

describe('claudeHasStructuredOutputs', () => {
  it.each([
    ['claude-sonnet-4-5', true],
    ['claude-sonnet-4-5-20250929', true],
    ['claude-haiku-4-5', true],
    ['claude-opus-4-1-20250805', true],
    ['claude-opus-4-5', true],
    ['claude-opus-4-6', true],
    ['claude-opus-5', true],
    ['anthropic/claude-sonnet-4-5', true],
    ['claude-sonnet-4-20250514', false],
    ['claude-opus-4-20250514', false],
    ['claude-3-7-sonnet-20250219', false],
    ['claude-3-5-haiku-latest', false],
    ['not-claude', false],
  ])('%s: %s', (model, expected) => {
    expect(claudeHasStructuredOutputs(model)).toBe(expected);
  });
});
