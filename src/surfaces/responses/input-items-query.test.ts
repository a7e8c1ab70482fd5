import { describe, expect, it } from 'vitest';
import type { GatewayError } from '../../ir/index.js';
import { parseInputItemsQuery } from './input-items-query.js';

function refusal(query: Record<string, unknown>): GatewayError {
  try {
    parseInputItemsQuery(query);
  } catch (error) {
    return error as GatewayError;
  }
  throw new Error(`accepted ${JSON.stringify(query)}`);
}

describe('parseInputItemsQuery', () => {
  it("defaults to OpenAI's: 20 items, newest first, nothing included", () => {
    expect(parseInputItemsQuery({})).toEqual({ limit: 20, order: 'desc', include: new Set() });
  });

  it('reads limit, order, the cursors and include in each way SDKs send it', () => {
    expect(
      parseInputItemsQuery({
        limit: '100',
        order: 'asc',
        after: 'msg_1',
        before: 'msg_9',
        'include[]': ['reasoning.encrypted_content', 'message.input_image.image_url'],
        unknown: 'ignored',
      }),
    ).toEqual({
      limit: 100,
      order: 'asc',
      after: 'msg_1',
      before: 'msg_9',
      include: new Set(['reasoning.encrypted_content', 'message.input_image.image_url']),
    });
    expect(parseInputItemsQuery({ include: 'reasoning.encrypted_content' }).include).toEqual(
      new Set(['reasoning.encrypted_content']),
    );
    expect(parseInputItemsQuery({ 'include[0]': 'message.output_text.logprobs' }).include).toEqual(
      new Set(['message.output_text.logprobs']),
    );
  });

  it.each([
    [{ limit: '0' }, 'limit', 'integer_below_min_value'],
    [{ limit: '-3' }, 'limit', 'integer_below_min_value'],
    [{ limit: '101' }, 'limit', 'integer_above_max_value'],
    [{ limit: 'ten' }, 'limit', 'invalid_type'],
    [{ limit: '1.5' }, 'limit', 'invalid_type'],
    [{ limit: '' }, 'limit', 'invalid_type'],
    [{ limit: '99999999999999999999' }, 'limit', 'invalid_type'],
    [{ limit: ['1', '2'] }, 'limit', 'invalid_type'],
    [{ order: 'newest' }, 'order', 'invalid_value'],
    [{ order: 'ASC' }, 'order', 'invalid_value'],
    [{ after: '' }, 'after', 'invalid_value'],
    [{ before: ['a', 'b'] }, 'before', 'invalid_type'],
    [{ 'include[]': 'reasoning.everything' }, 'include', 'invalid_value'],
    [{ 'include[]': ['reasoning.encrypted_content', 'x'] }, 'include', 'invalid_value'],
  ])('%j is a 400 naming %s', (query, param, code) => {
    const error = refusal(query);
    expect(error).toMatchObject({ kind: 'invalid_request', status: 400, param, code });
    expect(error.message).toContain(param);
  });
});
