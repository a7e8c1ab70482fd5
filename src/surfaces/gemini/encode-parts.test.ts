import { describe, expect, it } from 'vitest';
import { openSignature } from '../common/signature-seal.js';
import { argumentsObject, encodePart } from './encode-parts.js';

describe('encodePart', () => {
  it('writes text, refusals and signed text as text parts', () => {
    expect(encodePart({ type: 'text', text: 'Hi' }, 'openai')).toEqual({ text: 'Hi' });
    expect(encodePart({ type: 'text', text: '', signature: 'SIG' }, 'gemini')).toEqual({
      text: '',
      thoughtSignature: 'SIG',
    });
    expect(encodePart({ type: 'refusal', text: 'No.' }, 'openai')).toEqual({ text: 'No.' });
  });

  it('writes reasoning as a thought, sealing another vendor’s signature', () => {
    expect(encodePart({ type: 'reasoning', text: 'Hmm', signature: 'G' }, 'gemini')).toEqual({
      text: 'Hmm',
      thought: true,
      thoughtSignature: 'G',
    });
    const part = encodePart({ type: 'reasoning', text: 'Hmm', signature: 'EqQB' }, 'anthropic');
    expect(openSignature('gemini', part?.thoughtSignature ?? '')).toEqual({ signature: 'EqQB', issuer: 'anthropic' });
    expect(encodePart({ type: 'reasoning', text: 'plain' }, 'openai')).toEqual({ text: 'plain', thought: true });
  });

  it('writes a tool call as a functionCall with object arguments, its id and signature', () => {
    expect(
      encodePart({ type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"a":1}', signature: 'S' }, 'gemini'),
    ).toEqual({ functionCall: { id: 'call_1', name: 'f', args: { a: 1 } }, thoughtSignature: 'S' });
  });

  it('keeps arguments that are not a JSON object instead of dropping them', () => {
    expect(argumentsObject('')).toEqual({});
    expect(argumentsObject('{"a":')).toEqual({ _raw: '{"a":' });
    expect(argumentsObject('[1]')).toEqual({ _raw: '[1]' });
  });

  it('writes a generated image as inlineData, sealing another vendor’s signature', () => {
    expect(
      encodePart({ type: 'generated-image', mediaType: 'image/png', data: 'iVBOR', signature: 'G' }, 'gemini'),
    ).toEqual({ inlineData: { mimeType: 'image/png', data: 'iVBOR' }, thoughtSignature: 'G' });
    expect(encodePart({ type: 'generated-image', mediaType: 'image/jpeg', data: '/9j/' }, 'openai')).toEqual({
      inlineData: { mimeType: 'image/jpeg', data: '/9j/' },
    });
    const foreign = encodePart(
      { type: 'generated-image', mediaType: 'image/png', data: 'x', signature: 'S' },
      'openai',
    );
    expect(openSignature('gemini', foreign?.thoughtSignature ?? '')).toEqual({ signature: 'S', issuer: 'openai' });
  });
});
