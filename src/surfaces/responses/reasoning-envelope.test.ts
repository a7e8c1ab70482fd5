import { describe, expect, it } from 'vitest';
import { isAihubEnvelope, openReasoning, sealReasoning } from './reasoning-envelope.js';

describe('reasoning envelope', () => {
  it('round-trips Anthropic thinking text with its signature and issuer', () => {
    const sealed = sealReasoning({ type: 'reasoning', text: 'Let me think…', signature: 'EqQBCgIYAh+/=' }, 'anthropic');
    expect(sealed.startsWith('aihub.r1.')).toBe(true);
    expect(sealed).toMatch(/^aihub\.r1\.[A-Za-z0-9_-]+$/);
    expect(openReasoning(sealed)).toEqual({
      type: 'reasoning',
      text: 'Let me think…',
      signature: 'EqQBCgIYAh+/=',
      signatureProvider: 'anthropic',
    });
  });

  it('round-trips redacted thinking and Gemini signature-only reasoning', () => {
    expect(
      openReasoning(sealReasoning({ type: 'reasoning', text: '', redactedData: 'EmwKAhgB' }, 'anthropic')),
    ).toEqual({ type: 'reasoning', text: '', redactedData: 'EmwKAhgB', signatureProvider: 'anthropic' });
    expect(openReasoning(sealReasoning({ type: 'reasoning', text: '', signature: 'CiQB' }, 'gemini'))).toEqual({
      type: 'reasoning',
      text: '',
      signature: 'CiQB',
      signatureProvider: 'gemini',
    });
  });

  it('keeps the part’s own issuer over the serving provider', () => {
    const sealed = sealReasoning(
      { type: 'reasoning', text: 't', signature: 's', signatureProvider: 'gemini' },
      'openai',
    );
    expect(openReasoning(sealed)?.signatureProvider).toBe('gemini');
  });

  it('plain reasoning text (DeepSeek) carries no issuer back: it replays anywhere', () => {
    expect(openReasoning(sealReasoning({ type: 'reasoning', text: 'hmm' }, 'openai'))).toEqual({
      type: 'reasoning',
      text: 'hmm',
    });
  });

  it('passes OpenAI’s own encrypted reasoning through untouched both ways', () => {
    const blob = 'gAAAAABoyXusnBzv6TRLFFsi09D2';
    expect(openReasoning(blob)).toEqual({
      type: 'reasoning',
      text: '',
      redactedData: blob,
      signatureProvider: 'openai',
    });
    expect(
      sealReasoning({ type: 'reasoning', text: '', redactedData: blob, signatureProvider: 'openai' }, 'openai'),
    ).toBe(blob);
    expect(isAihubEnvelope(blob)).toBe(false);
  });

  it.each([
    'aihub.r1.',
    'aihub.r1.not base64!',
    `aihub.r1.${Buffer.from('[1,2]').toString('base64url')}`,
    `aihub.r1.${Buffer.from('{"t":5}').toString('base64url')}`,
    `aihub.r1.${Buffer.from('{"t":').toString('base64url')}`,
  ])('refuses a malformed envelope %s', (sealed) => {
    expect(openReasoning(sealed)).toBeUndefined();
  });
});
