import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { asInteger, asNumber, asString, childPath, fieldOf, optionalField, requiredField } from './json-reader.js';

function caught(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('json reader', () => {
  it('finds a field under its JSON name or its proto name, own properties only', () => {
    expect(fieldOf({ functionCall: 1 }, 'functionCall')).toBe(1);
    expect(fieldOf({ function_call: 2 }, 'functionCall')).toBe(2);
    expect(fieldOf({}, 'constructor')).toBeUndefined();
    expect(fieldOf(JSON.parse('{"__proto__": 3}'), '__proto__')).toBe(3);
  });

  it('names the offending field in proto names, quoting a bounded excerpt of the value', () => {
    const error = caught(() =>
      optionalField({ generationConfig: { temperature: 'hot' } }, 'generationConfig', '', (value, path) =>
        optionalField(value as Record<string, unknown>, 'temperature', path, asNumber),
      ),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('generation_config.temperature');
    expect(error.message).toBe(`Invalid value at 'generation_config.temperature' (TYPE_FLOAT), "hot"`);
    const long = caught(() => asString({ x: 'y'.repeat(10_000) }, 'a'));
    expect(long.message.length).toBeLessThan(200);
  });

  it('accepts numbers written as strings, as proto3 JSON does, and bounds integers to 32 bits', () => {
    expect(asNumber('0.5', 'x')).toBe(0.5);
    expect(asInteger('12', 'x')).toBe(12);
    expect(caught(() => asInteger(1.5, 'x')).message).toContain('TYPE_INT32');
    expect(caught(() => asInteger(2 ** 40, 'x')).param).toBe('x');
    expect(caught(() => asNumber(Number.NaN, 'x')).param).toBe('x');
  });

  it('treats null as unset and reports a missing required field the way Google does', () => {
    expect(optionalField({ a: null }, 'a', '', asString)).toBeUndefined();
    const error = caught(() => requiredField({}, 'contents', '', asString));
    expect(error.message).toBe('* GenerateContentRequest.contents: contents is not specified');
    expect(childPath('contents[0]', 'inlineData')).toBe('contents[0].inline_data');
  });
});
