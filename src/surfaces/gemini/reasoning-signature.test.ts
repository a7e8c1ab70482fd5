import { describe, expect, it } from 'vitest';
import { openReasoningSignature, sealReasoningSignature } from './reasoning-signature.js';

describe('reasoning signatures on thought parts', () => {
  it('leaves a Gemini signature as Gemini sent it', () => {
    const sealed = sealReasoningSignature({ type: 'reasoning', text: 'x', signature: 'CiQB' }, 'gemini');
    expect(sealed).toBe('CiQB');
    expect(openReasoningSignature('CiQB')).toEqual({ signature: 'CiQB', signatureProvider: 'gemini' });
  });

  it('round-trips an Anthropic signature with its issuer, named by the part or by who served it', () => {
    const fromPart = sealReasoningSignature(
      { type: 'reasoning', text: 'x', signature: 'EqQB', signatureProvider: 'anthropic' },
      'openai',
    );
    const fromServer = sealReasoningSignature({ type: 'reasoning', text: 'x', signature: 'EqQB' }, 'anthropic');
    expect(fromPart).toBe(fromServer);
    expect(openReasoningSignature(fromPart ?? '')).toEqual({ signature: 'EqQB', signatureProvider: 'anthropic' });
  });

  it('carries redacted thinking as redacted data, not as a signature', () => {
    const sealed = sealReasoningSignature({ type: 'reasoning', text: '', redactedData: 'opaque' }, 'anthropic');
    expect(openReasoningSignature(sealed ?? '')).toEqual({ redactedData: 'opaque', signatureProvider: 'anthropic' });
  });

  it('has nothing to carry for unsigned reasoning', () => {
    expect(sealReasoningSignature({ type: 'reasoning', text: 'x' }, 'anthropic')).toBeUndefined();
  });
});
