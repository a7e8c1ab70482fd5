import { describe, expect, it } from 'vitest';
import type { ToolChoice, ToolDefinition } from '../../ir/index.js';
import { prepareTools } from './prepare-tools.js';

const weather: ToolDefinition = {
  name: 'weather',
  description: 'Weather for a city',
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { anyOf: [{ type: 'string' }, { type: 'null' }] } },
    required: ['city'],
    additionalProperties: false,
    $defs: { Unused: { type: 'integer' } },
  },
  strict: true,
};

describe('prepareTools', () => {
  it('passes the JSON schema through untouched in parametersJsonSchema', () => {
    expect(prepareTools([weather], undefined)).toEqual({
      tools: [
        {
          functionDeclarations: [
            { name: 'weather', description: 'Weather for a city', parametersJsonSchema: weather.parameters },
          ],
        },
      ],
    });
  });

  it('omits an empty schema and a missing description', () => {
    expect(prepareTools([{ name: 'ping', parameters: {} }], undefined).tools).toEqual([
      { functionDeclarations: [{ name: 'ping' }] },
    ]);
  });

  it.each<[ToolChoice, unknown]>([
    [{ type: 'auto' }, { mode: 'AUTO' }],
    [{ type: 'none' }, { mode: 'NONE' }],
    [{ type: 'required' }, { mode: 'ANY' }],
    [
      { type: 'tool', name: 'weather' },
      { mode: 'ANY', allowedFunctionNames: ['weather'] },
    ],
  ])('maps tool choice %j', (choice, expected) => {
    expect(prepareTools([weather], choice).toolConfig).toEqual({ functionCallingConfig: expected });
  });

  it('sends neither tools nor tool config without tools', () => {
    expect(prepareTools([], { type: 'required' })).toEqual({});
    expect(prepareTools(undefined, { type: 'none' })).toEqual({});
  });

  it('sends a Gemini client’s built-in tools verbatim beside the function declarations', () => {
    const search = { origin: 'gemini' as const, type: 'googleSearch', definition: { googleSearch: {} } };
    const foreign = {
      origin: 'anthropic' as const,
      type: 'web_search_20250305',
      definition: { type: 'web_search_20250305' },
    };
    expect(prepareTools(undefined, undefined, [search])).toEqual({ tools: [{ googleSearch: {} }] });
    expect(prepareTools([weather], { type: 'auto' }, [search, foreign])).toEqual({
      tools: [
        {
          functionDeclarations: [
            { name: 'weather', description: 'Weather for a city', parametersJsonSchema: weather.parameters },
          ],
        },
        { googleSearch: {} },
      ],
      toolConfig: { functionCallingConfig: { mode: 'AUTO' } },
    });
  });
});
