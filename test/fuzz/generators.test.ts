/** The fuzz suite's generators do what they say: valid bodies are valid, mutations stay JSON. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { chatCompletionRequestSchema } from '../../src/surfaces/openai/request-schema.js';
import { mutatedJson } from './body-mutations.js';
import { oddKey } from './hostile-values.js';
import { nestedText, toNode, toText } from './json-text.js';
import type { JsonSchema } from './route-table.js';
import { schemaArbitrary } from './schema-arbitrary.js';

const toJsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

const SCHEMAS: Record<string, z.ZodType> = {
  'chat completions': chatCompletionRequestSchema,
  'a strict object with bounds': z.strictObject({
    name: z.string().min(1).max(100),
    amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    share: z.number().min(0).max(100),
    tags: z.array(z.string().max(5)).max(3).nullable().optional(),
    limits: z.record(z.string().min(1), z.object({ rpm: z.number().int().positive().nullable() })).optional(),
    when: z.iso.date().optional(),
  }),
};

describe('valid bodies from a JSON Schema', () => {
  it.each(Object.keys(SCHEMAS))('%s: every generated value passes the zod schema it came from', (name) => {
    const schema = SCHEMAS[name];
    fc.assert(
      fc.property(schemaArbitrary(toJsonSchema(schema)), (value) => {
        const parsed = schema.safeParse(value);
        if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues[0]));
      }),
      { seed: 1, numRuns: 300 },
    );
  });

  it('prefers hinted values for a property of that name', () => {
    const schema = toJsonSchema(z.object({ model: z.string() }));
    const values = fc.sample(
      schemaArbitrary(schema, { property: (name) => (name === 'model' ? fc.constant('gpt-4o-mini') : undefined) }),
      {
        seed: 1,
        numRuns: 200,
      },
    ) as Array<{ model: string }>;
    expect(values.filter((value) => value.model === 'gpt-4o-mini').length).toBeGreaterThan(100);
  });
});

describe('mutations', () => {
  it('stay JSON text: they test the schemas, the non-JSON bodies test the parser', () => {
    const valid = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], n: 1 };
    fc.assert(
      fc.property(mutatedJson(valid), ({ text }) => {
        JSON.parse(text);
      }),
      { seed: 1, numRuns: 500 },
    );
  });

  it('change the body', () => {
    const valid = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
    const texts = fc.sample(mutatedJson(valid), { seed: 2, numRuns: 200 }).map(({ text }) => text);
    expect(texts.filter((text) => text === JSON.stringify(valid)).length).toBeLessThan(10);
  });

  it('can write what JSON.stringify cannot: __proto__ as a key, a key twice', () => {
    const node = toNode(JSON.parse('{"__proto__":{"role":"admin"},"a":1}'));
    expect(toText(node)).toBe('{"__proto__":{"role":"admin"},"a":1}');
    const twice = {
      kind: 'object' as const,
      entries: [
        ...(node.kind === 'object' ? node.entries : []),
        ['a', toNode(2)] as [string, ReturnType<typeof toNode>],
      ],
    };
    expect(toText(twice)).toBe('{"__proto__":{"role":"admin"},"a":1,"a":2}');
  });

  it('nest deeply without recursion', () => {
    expect(JSON.parse(nestedText(3, 'array'))).toEqual([[[1]]]);
    expect(JSON.parse(nestedText(2, 'object'))).toEqual({ a: { a: 1 } });
    expect(nestedText(100_000, 'object')).toHaveLength(100_000 * 6 + 1);
  });

  it('keep top-level names to printable Latin-1 when asked (a /v1 finding pending)', () => {
    for (const key of fc.sample(oddKey(true), { seed: 3, numRuns: 300 }))
      expect(key).toMatch(/^[\u0020-\u007e\u00a0-\u00ff]+$/);
    expect(
      fc.sample(oddKey(false), { seed: 3, numRuns: 300 }).some((key) => /[^\u0020-\u007e\u00a0-\u00ff]/.test(key)),
    ).toBe(true);
  });
});
