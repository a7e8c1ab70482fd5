import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeChatCompletionRequest } from './decode-request.js';

const base = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

function refusal(body: unknown): GatewayError {
  try {
    decodeChatCompletionRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

// Found by the fuzz suite (issue 11): `max_tokens: 1e18` reached the hold, whose worst case was no
// longer a safe integer, and the relay answered 500.
describe('token counts the hold is computed from are bounded', () => {
  it.each(['max_tokens', 'max_completion_tokens'])('%s above 2^31-1 is a 400 naming the field', (field) => {
    for (const value of [2_147_483_648, 1e18, Number.MAX_SAFE_INTEGER]) {
      const error = refusal({ ...base, [field]: value });
      expect(error.status).toBe(400);
      expect(error.param).toBe(field);
    }
  });

  it('2^31-1 itself is accepted', () => {
    expect(decodeChatCompletionRequest({ ...base, max_tokens: 2_147_483_647 }).maxOutputTokens).toBe(2_147_483_647);
  });
});
