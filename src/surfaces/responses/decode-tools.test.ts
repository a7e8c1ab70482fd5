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
  it('function, custom and local_shell tools become definitions; other types are server tools kept verbatim', () => {
    const custom = { type: 'custom', name: 'apply_patch', description: 'patch' };
    const search = { type: 'web_search', search_context_size: 'low' };
    const fileSearch = { type: 'file_search', vector_store_ids: ['vs_1'] };
    const decoded = decodeTools([
      weather,
      custom,
      { type: 'function', name: 'ping' },
      search,
      { type: 'local_shell' },
      fileSearch,
    ]);
    expect(decoded.tools?.map((tool) => tool.name)).toEqual(['get_weather', 'apply_patch', 'ping', 'local_shell']);
    expect(decoded.tools?.[0]).toEqual({
      name: 'get_weather',
      description: 'Weather by city',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      strict: true,
    });
    expect(decoded.tools?.[2]).toEqual({ name: 'ping', parameters: { type: 'object', properties: {} } });
    // A web search that may reach the live web was asked for: only OpenAI could run it, so it is refused downstream.
    expect(decoded.serverTools).toEqual([
      { origin: 'openai-responses', type: 'web_search', definition: search },
      { origin: 'openai-responses', type: 'file_search', definition: fileSearch },
    ]);
    expect(decoded.dropped).toBeUndefined();
    expect(decodeTools(undefined)).toEqual({});
  });

  it("drops Codex's default cached web search (external_web_access: false) and says so", () => {
    const decoded = decodeTools([weather, { type: 'web_search', external_web_access: false }]);
    expect(decoded.tools?.map((tool) => tool.name)).toEqual(['get_weather']);
    expect(decoded.serverTools).toBeUndefined();
    expect(decoded.dropped).toEqual(['tools.web_search']);
    expect(decodeTools([{ type: 'web_search', external_web_access: true }]).serverTools).toHaveLength(1);
  });

  it('a custom tool reads as a function of one string, `input`, its grammar in the description', () => {
    const [definition] =
      decodeTools([
        {
          type: 'custom',
          name: 'apply_patch',
          description: 'Edit files.',
          format: { type: 'grammar', syntax: 'lark', definition: 'start: begin_patch' },
        },
      ]).tools ?? [];
    expect(definition?.name).toBe('apply_patch');
    expect(definition?.description).toContain('Edit files.');
    expect(definition?.parameters).toMatchObject({
      type: 'object',
      properties: { input: { type: 'string' } },
      required: ['input'],
    });
    const input = (definition?.parameters.properties as Record<string, { description: string }> | undefined)?.input;
    expect(input?.description).toContain('lark');
    expect(input?.description).toContain('start: begin_patch');
    expect(() => decodeTools([{ type: 'custom' }])).toThrow(expect.objectContaining({ param: 'tools[0].name' }));
  });

  it('local_shell reads as a function taking a command list, workdir and timeout', () => {
    const [definition] = decodeTools([{ type: 'local_shell' }]).tools ?? [];
    expect(definition).toMatchObject({
      name: 'local_shell',
      parameters: {
        type: 'object',
        properties: { command: { type: 'array', items: { type: 'string' } }, workdir: {}, timeout_ms: {} },
        required: ['command'],
      },
    });
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
