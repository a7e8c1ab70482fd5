import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../../ir/index.js';
import { prepareTools } from './prepare-tools.js';

const weather: ToolDefinition = {
  name: 'get_weather',
  description: 'Get the weather',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: true,
};

describe('prepareTools', () => {
  it('converts parameters to input_schema and drops strict', () => {
    expect(prepareTools({ tools: [weather] })).toEqual({
      tools: [{ name: 'get_weather', description: 'Get the weather', input_schema: weather.parameters }],
    });
  });

  it('gives a parameterless tool an empty object schema', () => {
    expect(prepareTools({ tools: [{ name: 'now', parameters: {} }] }).tools).toEqual([
      { name: 'now', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it.each([
    [{ type: 'auto' }, { type: 'auto' }],
    [{ type: 'none' }, { type: 'none' }],
    [{ type: 'required' }, { type: 'any' }],
    [
      { type: 'tool', name: 'get_weather' },
      { type: 'tool', name: 'get_weather' },
    ],
  ] as const)('maps tool choice %j to %j', (toolChoice, expected) => {
    expect(prepareTools({ tools: [weather], toolChoice }).toolChoice).toEqual(expected);
  });

  it('turns parallelToolCalls=false into disable_parallel_tool_use', () => {
    expect(prepareTools({ tools: [weather], parallelToolCalls: false }).toolChoice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      prepareTools({ tools: [weather], toolChoice: { type: 'required' }, parallelToolCalls: false }).toolChoice,
    ).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(
      prepareTools({ tools: [weather], toolChoice: { type: 'none' }, parallelToolCalls: false }).toolChoice,
    ).toEqual({
      type: 'none',
    });
  });

  it('sends neither tools nor a tool choice when there are no tools', () => {
    expect(prepareTools({ tools: [], toolChoice: { type: 'required' } })).toEqual({});
    expect(prepareTools({ toolChoice: { type: 'auto' }, parallelToolCalls: false })).toEqual({});
  });
});
