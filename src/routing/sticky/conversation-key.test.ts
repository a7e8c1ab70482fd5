import { describe, expect, it } from 'vitest';
import type { ChatRequest, Message } from '../../ir/index.js';
import { conversationKey } from './conversation-key.js';

const system: Message = { role: 'system', content: [{ type: 'text', text: 'You are terse.' }] };
const user = (text: string): Message => ({ role: 'user', content: [{ type: 'text', text }] });
const assistant = (text: string): Message => ({ role: 'assistant', content: [{ type: 'text', text }] });

function request(messages: Message[], extra: Partial<ChatRequest> = {}) {
  return { model: 'gpt-4o', messages, ...extra };
}

describe('conversationKey', () => {
  it('is the same on every turn of a conversation: model, system and first user message', () => {
    const first = conversationKey(request([system, user('hi')]), {}, 'u1');
    const later = conversationKey(
      request([system, user('hi'), assistant('hello'), user('and then?'), assistant('...'), user('go on')]),
      {},
      'u1',
    );
    expect(later).toEqual(first);
    expect(first.source).toBe('prefix');
    expect(first.key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('tells conversations apart by their first user message and their system prompt', () => {
    const base = conversationKey(request([system, user('hi')]), {}, 'u1').key;
    expect(conversationKey(request([system, user('hello')]), {}, 'u1').key).not.toBe(base);
    expect(conversationKey(request([user('hi')]), {}, 'u1').key).not.toBe(base);
  });

  it('is scoped by user and by requested model, whatever identifies the conversation', () => {
    for (const [extra, headers] of [
      [{}, {}],
      [{ promptCacheKey: 'pck' }, {}],
      [{}, { 'x-session-id': 'sess' }],
    ] as const) {
      const key = (model: string, userId: string) =>
        conversationKey(request([user('hi')], { ...extra, model }), headers, userId).key;
      expect(key('gpt-4o', 'u1')).not.toBe(key('gpt-4o', 'u2'));
      expect(key('gpt-4o', 'u1')).not.toBe(key('gpt-4o-mini', 'u1'));
    }
  });

  it('prefers promptCacheKey, then x-session-id, then the prefix', () => {
    const messages = [user('hi')];
    const keyed = conversationKey(request(messages, { promptCacheKey: 'p1' }), { 'x-session-id': 's1' }, 'u1');
    expect(keyed.source).toBe('prompt-cache-key');
    // Another first message, same prompt cache key: the same conversation.
    expect(conversationKey(request([user('other')], { promptCacheKey: 'p1' }), {}, 'u1').key).toBe(keyed.key);
    const session = conversationKey(request(messages), { 'x-session-id': ['s1', 's2'] }, 'u1');
    expect(session.source).toBe('session-header');
    expect(conversationKey(request([user('other')]), { 'x-session-id': 's1' }, 'u1').key).toBe(session.key);
    expect(conversationKey(request(messages), { 'x-session-id': '  ' }, 'u1').source).toBe('prefix');
  });

  it('cannot be forged by moving characters between user id and model', () => {
    const a = conversationKey(request([user('hi')], { model: 'b:c' }), {}, 'a').key;
    const b = conversationKey(request([user('hi')], { model: 'c' }), {}, 'a:b').key;
    expect(a).not.toBe(b);
  });

  it('hashes a huge first message quickly, and still tells its ends apart', () => {
    const huge = 'x'.repeat(20_000_000);
    // Parsed from JSON as the surfaces decode them (flat strings, not concatenation ropes).
    const [first, second] = [`${huge}a`, `${huge}b`].map((text) => request(JSON.parse(JSON.stringify([user(text)]))));
    const started = performance.now();
    const one = conversationKey(first!, {}, 'u1').key;
    const other = conversationKey(second!, {}, 'u1').key;
    const elapsed = performance.now() - started;
    expect(one).not.toBe(other);
    expect(conversationKey(request([user(`${huge}a`)]), {}, 'u1').key).toBe(one);
    // Sampled, this takes well under a millisecond; JSON and SHA-256 of the 40 MB would take ~100 ms.
    expect(elapsed).toBeLessThan(50);
  });
});
