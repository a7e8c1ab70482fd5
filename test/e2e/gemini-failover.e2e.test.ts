/**
 * Failover seen from a Gemini client: a preferred channel that fails before the first byte (429 with
 * a wait, 503) is skipped for a healthy one, for a cross-vendor channel pair (OpenAI) and for a
 * Gemini pass-through pair; the @google/genai SDK gets the healthy answer, JSON and streamed. With a
 * single channel, the upstream's 429 reaches the client as an ApiError 429.
 */
import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGeminiEmulator } from '../emulators/index.js';
import type { Emulator, Fault } from '../emulators/types.js';
import { type FailoverGateway, logRow, startFailoverGateway } from './failover-harness.js';
import { ADMIN_KEY } from './gateway-harness.js';

const KEY = 'test-key';

let env: FailoverGateway;
let geminiA: Emulator;
let geminiB: Emulator;
let google: GoogleGenAI;

beforeAll(async () => {
  [geminiA, geminiB] = await Promise.all([startGeminiEmulator({ label: 'GA' }), startGeminiEmulator({ label: 'GB' })]);
  env = await startFailoverGateway(
    (a, b) => [
      { name: 'chan-a', type: 'openai', base_url: a.url, key: KEY, models: ['gpt-4o-mini'], priority: 10 },
      { name: 'chan-b', type: 'openai', base_url: b.url, key: KEY, models: ['gpt-4o-mini'] },
      { name: 'solo', type: 'openai', base_url: a.url, key: KEY, models: ['gpt-4.1-mini'] },
      { name: 'gem-a', type: 'gemini', base_url: geminiA.url, key: KEY, models: ['gemini-2.5-flash'], priority: 10 },
      { name: 'gem-b', type: 'gemini', base_url: geminiB.url, key: KEY, models: ['gemini-2.5-flash'] },
    ],
    // Only the file's channels serve Gemini models.
    { GEMINI_API_KEY: '' },
  );
  google = new GoogleGenAI({ apiKey: ADMIN_KEY, httpOptions: { baseUrl: env.gateway.origin } });
});
afterAll(async () => {
  await env?.close();
  await Promise.all([geminiA?.close(), geminiB?.close()]);
});
beforeEach(() => {
  for (const emulator of [env.a, env.b, geminiA, geminiB]) emulator.reset();
  env.gateway.app.deps.routeHealth.reset();
});

const faults: Array<[string, Fault]> = [
  ['429 with retry-after', { type: 'http-error', status: 429, retryAfterSeconds: 1 }],
  ['503', { type: 'http-error', status: 503 }],
];

const pairs = [
  { pair: 'OpenAI channels', model: 'gpt-4o-mini', preferred: () => env.a, healthy: () => env.b, label: 'B' },
  {
    pair: 'Gemini channels (pass-through)',
    model: 'gemini-2.5-flash',
    preferred: () => geminiA,
    healthy: () => geminiB,
    label: 'GB',
  },
];

describe.each(pairs)('failover between $pair', ({ model, preferred, healthy, label }) => {
  it.each(faults)(
    '%s on the preferred channel: the SDK gets the healthy answer, JSON and streamed',
    async (_name, fault) => {
      preferred().enqueue({ fault }, { fault });
      const response = await google.models.generateContent({ model, contents: 'Say hello' });
      expect(response.text).toContain(`Hello from ${label} emulator`);
      const requestId = response.sdkHttpResponse?.headers?.['x-request-id'];
      expect(requestId).toBeTruthy();
      const log = await logRow(env.gateway, requestId as string);
      expect(log).toMatchObject({ status: 200, attempts: 2, surface: 'gemini' });

      // A 429's wait cools the preferred key: the next request would skip it without asking.
      env.gateway.app.deps.routeHealth.reset();
      let streamed = '';
      for await (const chunk of await google.models.generateContentStream({ model, contents: 'Say hello' })) {
        streamed += chunk.text ?? '';
      }
      expect(streamed).toContain(`Hello from ${label} emulator`);
      expect(preferred().requests).toHaveLength(2);
      expect(healthy().requests).toHaveLength(2);
    },
  );
});

it('with one channel, the upstream 429 reaches the SDK as an ApiError 429', async () => {
  env.a.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 3 } });
  await expect(google.models.generateContent({ model: 'gpt-4.1-mini', contents: 'Say hello' })).rejects.toMatchObject({
    status: 429,
  });
});
