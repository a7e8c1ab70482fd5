import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { countMessagesTokens } from './count-tokens.js';

describe('countMessagesTokens', () => {
  it('counts without max_tokens, and more for a longer prompt', () => {
    const short = countMessagesTokens({
      body: { model: 'm', messages: [{ role: 'user', content: 'Hi' }] },
      headers: {},
    });
    const long = countMessagesTokens({
      body: { model: 'm', system: 'You are a poet.', messages: [{ role: 'user', content: 'Hi '.repeat(200) }] },
      headers: {},
    });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 150);
  });

  it('answers bad bodies with the same 400 as /v1/messages', () => {
    expect(() => countMessagesTokens({ body: { model: 'm' }, headers: {} })).toThrow(GatewayError);
    expect(() => countMessagesTokens({ body: { model: 'm' }, headers: {} })).toThrow('messages: Field required');
  });
});
