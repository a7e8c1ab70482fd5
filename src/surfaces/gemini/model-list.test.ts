import { describe, expect, it } from 'vitest';
import { encodeGeminiModel, encodeGeminiModelList, type generationMethodsOf } from './model-list.js';

describe('Gemini model list', () => {
  it('lists models as Gemini Model resources', () => {
    expect(
      encodeGeminiModelList([
        {
          id: 'gemini-2.5-flash',
          displayName: 'Gemini 2.5 Flash',
          inputTokenLimit: 1_048_576,
          outputTokenLimit: 65_536,
        },
        { id: 'claude-sonnet-4-5' },
      ]),
    ).toEqual({
      models: [
        {
          name: 'models/gemini-2.5-flash',
          baseModelId: 'gemini-2.5-flash',
          version: '2.5',
          displayName: 'Gemini 2.5 Flash',
          inputTokenLimit: 1_048_576,
          outputTokenLimit: 65_536,
          supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
        },
        {
          name: 'models/claude-sonnet-4-5',
          baseModelId: 'claude-sonnet-4-5',
          version: '4',
          displayName: 'claude-sonnet-4-5',
          supportedGenerationMethods: ['generateContent', 'streamGenerateContent', 'countTokens'],
        },
      ],
    });
  });

  it('answers one model, tolerating a models/ prefix', () => {
    expect(encodeGeminiModel({ id: 'models/my-model', description: 'Mine' })).toMatchObject({
      name: 'models/my-model',
      version: 'latest',
      description: 'Mine',
    });
  });

  it("lists the methods of the model's kind, as Google does", () => {
    const methods = (id: string, kind?: Parameters<typeof generationMethodsOf>[0]) =>
      encodeGeminiModel({ id, kind }).supportedGenerationMethods;
    expect(methods('gemini-embedding-001', 'embedding')).toEqual(['embedContent', 'batchEmbedContents']);
    expect(methods('gemini-2.5-flash-image', 'image')).toEqual([
      'generateContent',
      'streamGenerateContent',
      'countTokens',
    ]);
    expect(methods('imagen-4.0-generate-001', 'image')).toEqual(['predict']);
    expect(methods('rerank-v3.5', 'rerank')).toEqual([]);
    expect(methods('my-local-model')).toEqual(['generateContent', 'streamGenerateContent', 'countTokens']);
  });
});
