/**
 * What bounding JSON depth costs per request body (src/http/json-depth.ts), beside JSON.parse of
 * the same body, on a typical chat request and on 1 MB bodies of three shapes. One process, no
 * server: `npx tsx bench/json-depth.ts`.
 */
import { DEFAULT_JSON_MAX_DEPTH } from '../src/config/client-limits.js';
import { exceedsJsonDepth } from '../src/http/json-depth.js';

const typical = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is the weather in Paris today? '.repeat(15) },
  ],
  tools: [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ],
  stream: true,
  max_tokens: 256,
});
const oneLongMessage = JSON.stringify({
  model: 'm',
  messages: [{ role: 'user', content: 'lorem ipsum "quoted" dolor sit amet '.repeat(29_000) }],
});
const manyMessages = JSON.stringify({
  model: 'm',
  messages: Array.from({ length: 2000 }, (_, i) => ({
    role: i % 2 ? 'assistant' : 'user',
    content: [{ type: 'text', text: 'x'.repeat(450) }],
  })),
});
const manySmallObjects = JSON.stringify({
  model: 'm',
  messages: [{ role: 'user', content: 'hi' }],
  metadata: Array.from({ length: 40_000 }, (_, i) => ({ a: i, b: [1, 2, { c: true }] })),
});

function microseconds(run: () => unknown, rounds: number): number {
  for (let i = 0; i < rounds; i++) run();
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) run();
  return Number(process.hrtime.bigint() - start) / rounds / 1000;
}

console.log('| body | size | JSON.parse | depth check |');
console.log('| --- | --- | --- | --- |');
for (const [name, text] of [
  ['typical chat request', typical],
  ['one long message', oneLongMessage],
  ['2,000 messages', manyMessages],
  ['40,000 small objects', manySmallObjects],
] as const) {
  const parsed = JSON.parse(text);
  const rounds = text.length < 10_000 ? 200_000 : 200;
  const parse = microseconds(() => JSON.parse(text), rounds);
  const depth = microseconds(() => exceedsJsonDepth(parsed, DEFAULT_JSON_MAX_DEPTH, text.length), rounds);
  const size = text.length < 10_000 ? `${text.length} B` : `${(text.length / 1_048_576).toFixed(2)} MB`;
  console.log(`| ${name} | ${size} | ${parse.toFixed(2)} µs | ${depth.toFixed(2)} µs |`);
}
