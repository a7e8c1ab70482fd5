import { describe, expect, it } from 'vitest';
import { exampleArguments } from './tokens.js';

describe('tool arguments the emulators make up from a schema', () => {
  it('follow an object’s properties', () => {
    expect(
      exampleArguments({ type: 'object', properties: { city: { type: 'string' }, n: { type: 'integer' } } }),
    ).toEqual({ city: 'Paris', n: 1 });
  });

  // Found by the surfaces' fuzz (issue 12): `properties` given as a 1 MB string made an answer with
  // a key per character, which took the emulator and the relay past the suite's 15 s hang limit.
  it('ignore properties that are not an object', () => {
    expect(exampleArguments({ type: 'object', properties: 'x'.repeat(1_000_000) })).toEqual({});
    expect(exampleArguments({ type: 'object', properties: ['a', 'b'] })).toEqual({});
  });
});
