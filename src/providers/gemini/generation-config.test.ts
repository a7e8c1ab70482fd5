import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../ir/index.js';
import { prepareGenerationConfig } from './generation-config.js';

const base: ChatRequest = { model: 'gemini-2.5-flash', messages: [], stream: false, includeUsage: false };

describe('prepareGenerationConfig', () => {
  it('sends no generationConfig for a request that sets nothing', () => {
    expect(prepareGenerationConfig(base, base.model)).toEqual({ droppedParams: [] });
  });

  it('maps every sampling parameter', () => {
    const request: ChatRequest = {
      ...base,
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 256,
      stop: ['END'],
      seed: 7,
      n: 2,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      logprobs: true,
      topLogprobs: 3,
    };
    expect(prepareGenerationConfig(request, base.model).generationConfig).toEqual({
      temperature: 0.2,
      topP: 0.9,
      topK: 40,
      maxOutputTokens: 256,
      stopSequences: ['END'],
      seed: 7,
      candidateCount: 2,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      responseLogprobs: true,
      logprobs: 3,
    });
  });

  it('maps response formats to responseMimeType and responseJsonSchema', () => {
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    expect(
      prepareGenerationConfig({ ...base, responseFormat: { type: 'json_object' } }, base.model).generationConfig,
    ).toEqual({
      responseMimeType: 'application/json',
    });
    expect(
      prepareGenerationConfig(
        { ...base, responseFormat: { type: 'json_schema', name: 'City', schema, strict: true } },
        base.model,
      ).generationConfig,
    ).toEqual({ responseMimeType: 'application/json', responseJsonSchema: schema });
    expect(
      prepareGenerationConfig({ ...base, responseFormat: { type: 'text' } }, base.model).generationConfig,
    ).toBeUndefined();
  });

  it('adds the thinking config', () => {
    expect(prepareGenerationConfig({ ...base, reasoning: { effort: 'low' } }, base.model).generationConfig).toEqual({
      thinkingConfig: { includeThoughts: true, thinkingBudget: 1024 },
    });
  });

  it('reports parameters Gemini cannot honour', () => {
    const request: ChatRequest = {
      ...base,
      user: 'u1',
      logitBias: { '50256': -100 },
      parallelToolCalls: false,
      metadata: { a: 'b' },
      extraBody: { min_p: 0.1, enable_thinking: true },
    };
    expect(prepareGenerationConfig(request, base.model).droppedParams).toEqual([
      'user',
      'logit_bias',
      'parallel_tool_calls',
      'metadata',
      'min_p',
      'enable_thinking',
    ]);
    expect(prepareGenerationConfig({ ...base, parallelToolCalls: true }, base.model).droppedParams).toEqual([]);
  });
});
