import { describe, expect, it } from 'vitest';
import { GatewayError, type ToolMessage } from '../../ir/index.js';
import { convertToolResult } from './convert-tool-result.js';

const tool = (text: string, extra: Partial<ToolMessage> = {}): ToolMessage => ({
  role: 'tool',
  toolCallId: 'call_1',
  content: [{ type: 'text', text }],
  ...extra,
});

describe('convertToolResult', () => {
  it('sends a JSON object result as the response object', () => {
    expect(convertToolResult(tool('{"temperature": 21, "unit": "C"}'), 'weather', 'm')).toEqual([
      { functionResponse: { name: 'weather', response: { temperature: 21, unit: 'C' } } },
    ]);
  });

  it('wraps text, arrays and scalars as {result: text}', () => {
    for (const text of ['Mexico', '[1,2]', '42', '{not json']) {
      expect(convertToolResult(tool(text), 'f', 'm')[0]!.functionResponse!.response).toEqual({ result: text });
    }
  });

  it('puts a failed call’s result under the error key', () => {
    expect(
      convertToolResult(tool('city not found', { isError: true }), 'f', 'm')[0]!.functionResponse!.response,
    ).toEqual({
      error: { result: 'city not found' },
    });
    expect(
      convertToolResult(tool('{"code": 404}', { isError: true }), 'f', 'm')[0]!.functionResponse!.response,
    ).toEqual({
      error: { code: 404 },
    });
    expect(
      convertToolResult(tool('{"error": "quota"}', { isError: true }), 'f', 'm')[0]!.functionResponse!.response,
    ).toEqual({ error: 'quota' });
  });

  it('prefers the tool name on the message over the one found from the call', () => {
    const parts = convertToolResult(tool('ok', { toolName: 'explicit' }), 'from_call', 'm');
    expect(parts[0]!.functionResponse!.name).toBe('explicit');
  });

  it('joins several text parts and appends images as inline parts', () => {
    const message: ToolMessage = {
      role: 'tool',
      toolCallId: 'c',
      content: [
        { type: 'text', text: 'a' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
        { type: 'text', text: 'b' },
      ],
    };
    expect(convertToolResult(message, 'shot', 'm')).toEqual([
      { functionResponse: { name: 'shot', response: { result: 'ab' } } },
      { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
    ]);
  });

  it('fails when no tool name can be found', () => {
    expect(() => convertToolResult(tool('x'), undefined, 'messages[3]')).toThrow(GatewayError);
  });
});
