import { describe, expect, it } from 'vitest';
import {
  DUMMY_THOUGHT_SIGNATURE,
  fillMissingThoughtSignatures,
  requiresThoughtSignatures,
} from './thought-signature.js';
import type { GeminiContent } from './wire-types.js';

const call = (name: string, thoughtSignature?: string) => ({
  functionCall: { name, args: {} },
  ...(thoughtSignature ? { thoughtSignature } : {}),
});

describe('requiresThoughtSignatures', () => {
  it.each([
    ['gemini-3-pro-preview', true],
    ['models/gemini-3-flash-preview', true],
    ['gemini-3.1-pro-preview', true],
    ['gemini-2.5-flash', false],
    ['gemini-2.0-flash', false],
  ])('%s → %s', (model, expected) => {
    expect(requiresThoughtSignatures(model)).toBe(expected);
  });
});

describe('fillMissingThoughtSignatures', () => {
  const contents: GeminiContent[] = [
    { role: 'user', parts: [{ text: 'go' }] },
    { role: 'model', parts: [{ text: 'calling' }, call('a'), call('b')] },
    { role: 'user', parts: [{ functionResponse: { name: 'a', response: {} } }] },
    { role: 'model', parts: [call('c', 'real-sig'), call('d')] },
  ];

  it('puts the placeholder on the first unsigned call of each model turn for Gemini 3', () => {
    const filled = fillMissingThoughtSignatures(contents, 'gemini-3-pro-preview');
    expect(filled[1]!.parts).toEqual([{ text: 'calling' }, call('a', DUMMY_THOUGHT_SIGNATURE), call('b')]);
    expect(filled[3]!.parts).toEqual([call('c', 'real-sig'), call('d')]);
    expect(contents[1]!.parts[1]).toEqual(call('a'));
  });

  it('leaves other models alone', () => {
    expect(fillMissingThoughtSignatures(contents, 'gemini-2.5-pro')).toBe(contents);
  });

  it('signs every unsigned image of a model turn for Gemini 3, and keeps the real signatures', () => {
    const image = (data: string, thoughtSignature?: string) => ({
      inlineData: { mimeType: 'image/png', data },
      ...(thoughtSignature ? { thoughtSignature } : {}),
    });
    const history: GeminiContent[] = [
      { role: 'user', parts: [{ text: 'a cat' }, image('user-upload')] },
      { role: 'model', parts: [{ text: 'here' }, image('one'), image('two', 'real-sig')] },
      { role: 'user', parts: [{ text: 'add a hat' }] },
    ];
    const filled = fillMissingThoughtSignatures(history, 'gemini-3-pro-image-preview');
    // A user's own image is no model output: Gemini checks no signature on it.
    expect(filled[0]).toBe(history[0]);
    expect(filled[1]!.parts).toEqual([
      { text: 'here' },
      image('one', DUMMY_THOUGHT_SIGNATURE),
      image('two', 'real-sig'),
    ]);
    expect(fillMissingThoughtSignatures(history, 'gemini-2.5-flash-image')).toBe(history);
  });
});
