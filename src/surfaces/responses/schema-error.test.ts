import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GatewayError } from '../../ir/index.js';
import { joinPath, parseField } from './schema-error.js';

describe('parseField', () => {
  const schema = z.object({ content: z.array(z.object({ type: z.literal('input_text') })) });

  it('returns the parsed value', () => {
    expect(parseField(schema, { content: [{ type: 'input_text' }] }, 'input[0]')).toEqual({
      content: [{ type: 'input_text' }],
    });
  });

  it('names the offending field under the given prefix', () => {
    try {
      parseField(schema, { content: [{ type: 'input_text' }, { type: 'nope' }] }, 'input[3]');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).param).toBe('input[3].content[1].type');
      expect((error as GatewayError).status).toBe(400);
      expect((error as GatewayError).message).toContain("'input[3].content[1].type'");
    }
  });

  it('flags a missing field', () => {
    expect(() => parseField(schema, {}, '')).toThrow(expect.objectContaining({ param: 'content' }));
    expect(() => parseField(schema, {}, '')).toThrow(expect.objectContaining({ code: 'missing_required_parameter' }));
  });

  it('joins paths', () => {
    expect(joinPath('', ['a', 0, 'b'])).toBe('a[0].b');
    expect(joinPath('input[1]', [])).toBe('input[1]');
  });
});
