import { describe, expect, it } from 'vitest';
import { decodeToolChoice, decodeTools } from './decode-tools.js';

const weather = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather by city',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
  strict: true,
};

describe('decodeTools', () => {
  it('function tools become definitions; every other type a server tool kept verbatim', () => {
    const custom = { type: 'custom', name: 'apply_patch', description: 'patch', format: { type: 'grammar' } };
    const search = { type: 'web_search', search_context_size: 'low' };
    expect(decodeTools([weather, custom, { type: 'function', name: 'ping' }, search, { type: 'local_shell' }])).toEqual(
      {
        tools: [
          {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: { city: { type: 'string' } } },
            strict: true,
          },
          { name: 'ping', parameters: { type: 'object', properties: {} } },
        ],
        serverTools: [
          { origin: 'openai-responses', type: 'custom', definition: custom },
          { origin: 'openai-responses', type: 'web_search', definition: search },
          { origin: 'openai-responses', type: 'local_shell', definition: { type: 'local_shell' } },
        ],
      },
    );
    expect(decodeTools(undefined)).toEqual({});
  });

  it.each([
    [[null], 'tools[0]'],
    [[{ name: 'x' }], 'tools[0].type'],
    [[weather, { type: 'function' }], 'tools[1].name'],
    [[{ type: 'function', name: 'f', parameters: [] }], 'tools[0].parameters'],
  ])('refuses %j naming %s', (tools, param) => {
    expect(() => decodeTools(tools)).toThrow(expect.objectContaining({ param }));
  });
});

describe('decodeToolChoice', () => {
  const tools = decodeTools([weather, { type: 'web_search' }]);

  it('modes, a named function, allowed tools, hosted tools', () => {
    expect(decodeToolChoice(undefined, tools)).toBeUndefined();
    expect(decodeToolChoice('auto', tools)).toEqual({ type: 'auto' });
    expect(decodeToolChoice('none', tools)).toEqual({ type: 'none' });
    expect(decodeToolChoice('required', tools)).toEqual({ type: 'required' });
    expect(decodeToolChoice({ type: 'function', name: 'get_weather' }, tools)).toEqual({
      type: 'tool',
      name: 'get_weather',
    });
    expect(decodeToolChoice({ type: 'allowed_tools', mode: 'required', tools: [] }, tools)).toEqual({
      type: 'required',
    });
    expect(decodeToolChoice({ type: 'web_search' }, tools)).toEqual({ type: 'required' });
  });

  it.each([
    ['sometimes', 'tool_choice'],
    [{ type: 'function', name: 'missing' }, 'tool_choice'],
    [{ type: 'function' }, 'tool_choice.name'],
    [5, 'tool_choice'],
  ])('refuses %j naming %s', (choice, param) => {
    expect(() => decodeToolChoice(choice, tools)).toThrow(expect.objectContaining({ param }));
  });
});
