import { describe, expect, it } from 'vitest';
import type { SurfaceInput } from '../surface.js';
import { geminiSurface } from './index.js';

const body = { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] };

function input(query: Record<string, unknown>): SurfaceInput {
  return { body, headers: {}, query, params: { model: 'gemini-2.5-flash', action: 'streamGenerateContent' } };
}

describe('geminiSurface', () => {
  it('is the Gemini surface, native to the Gemini provider', () => {
    expect(geminiSurface.id).toBe('gemini');
    expect(geminiSurface.nativeProvider).toBe('gemini');
  });

  it('streams SSE with alt=sse and a JSON array without it', () => {
    const sse = input({ alt: 'sse' });
    const request = geminiSurface.decode(sse);
    expect(geminiSurface.streamContentType(request, sse)).toBe('text/event-stream');
    expect(geminiSurface.streamContentType(request, input({}))).toBe('application/json; charset=UTF-8');
    const meta = {
      requestId: 'r',
      created: 0,
      model: 'gemini-2.5-flash',
      provider: 'gemini' as const,
      vendor: 'gemini',
    };
    const array = geminiSurface.createStreamEncoder(request, meta, input({}));
    expect(array.encode({ type: 'text-delta', delta: 'Hi' }) + array.end()).toMatch(/^\[\{.*\}\n\]$/s);
  });
});
