import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../ir/index.js';
import { applyPreset } from './apply-preset.js';
import { presetBodySchema } from './preset-body.js';

const request = (extra: Partial<ChatRequest> = {}): ChatRequest =>
  ({
    model: '@preset/p',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    stream: false,
    includeUsage: false,
    ...extra,
  }) as ChatRequest;

describe('applyPreset', () => {
  it('sets the model, fallbacks, system prompt, parameters and provider preferences', () => {
    const applied = applyPreset(request({ fallbackModels: ['c'] }), {
      model: 'a',
      models: ['b'],
      system: 'Answer in French.',
      params: { temperature: 0.2, max_tokens: 300, stop: 'END', reasoning_effort: 'low' },
      provider: { sort: 'price' },
    });
    expect(applied).toMatchObject({
      model: 'a',
      fallbackModels: ['b', 'c'],
      temperature: 0.2,
      maxOutputTokens: 300,
      stop: ['END'],
      providerPreferences: { sort: 'price' },
    });
    expect(applied.reasoning).toBeDefined();
    expect(applied.messages[0]).toEqual({ role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] });
    expect(applied.messages[1]?.role).toBe('user');
  });

  it('lets the caller’s own parameters and preferences win', () => {
    const applied = applyPreset(request({ temperature: 1.1, providerPreferences: { only: ['openai'] } }), {
      models: ['a', 'b'],
      params: { temperature: 0.2, top_p: 0.5 },
      provider: { sort: 'price' },
    });
    expect(applied).toMatchObject({ model: 'a', fallbackModels: ['b'], temperature: 1.1, topP: 0.5 });
    expect(applied.providerPreferences).toEqual({ only: ['openai'] });
  });

  it('refuses, when saved, a preset without a model, one that calls a preset, or unknown parameters', () => {
    expect(presetBodySchema.safeParse({ system: 'x' }).success).toBe(false);
    expect(presetBodySchema.safeParse({ model: '@preset/other' }).success).toBe(false);
    expect(presetBodySchema.safeParse({ model: 'a', params: { temprature: 1 } }).success).toBe(false);
    expect(presetBodySchema.safeParse({ model: 'a', params: { temperature: 3 } }).success).toBe(false);
    expect(presetBodySchema.safeParse({ model: 'a', params: { temperature: 1 } }).success).toBe(true);
  });
});
