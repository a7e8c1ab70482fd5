import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { type App, createApp } from '../../src/app.js';
import { dropTestSchema, TEST_POSTGRES_URL } from '../db-harness.js';
import { startAnthropicEmulator, startGeminiEmulator, startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';

export const ADMIN_KEY = 'sk-aihub-test-admin';
export const UPSTREAM_KEY = 'test-key';

export interface Gateway {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** `http://127.0.0.1:PORT/v1`, what an OpenAI SDK takes as baseURL. */
  baseURL: string;
  openai: Emulator;
  anthropic: Emulator;
  gemini: Emulator;
  /** A second OpenAI-compatible emulator speaking like DeepSeek (reasoning_content). */
  deepseek: Emulator;
  app: App;
  close(): Promise<void>;
}

/**
 * Starts the three vendor emulators and a real AIHub server on free ports, wired by environment
 * variables. `database: 'postgres'` puts it on the real PostgreSQL, in a schema of its own.
 * `options.logger` receives the server's log (silent by default).
 */
export async function startGateway(
  extraEnv: Record<string, string> = {},
  database: 'sqlite' | 'postgres' = 'sqlite',
  options: { logger?: Logger } = {},
): Promise<Gateway> {
  const schema = database === 'postgres' ? `aihub_e2e_${randomBytes(6).toString('hex')}` : undefined;
  const databaseEnv: Record<string, string> = schema
    ? { DATABASE_URL: TEST_POSTGRES_URL, AIHUB_DATABASE_SCHEMA: schema }
    : {};
  const [openai, anthropic, gemini, deepseek] = await Promise.all([
    startOpenAIEmulator(),
    startAnthropicEmulator(),
    startGeminiEmulator(),
    startOpenAIEmulator({ label: 'DeepSeek', reasoningField: 'reasoning_content', responses: false }),
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'aihub-e2e-'));
  const app = await createApp({
    env: {
      AIHUB_ADMIN_KEY: ADMIN_KEY,
      AIHUB_DATA_DIR: dataDir,
      OPENAI_API_KEY: UPSTREAM_KEY,
      OPENAI_BASE_URL: openai.url,
      ANTHROPIC_API_KEY: UPSTREAM_KEY,
      ANTHROPIC_BASE_URL: anthropic.url,
      GEMINI_API_KEY: UPSTREAM_KEY,
      GEMINI_BASE_URL: gemini.url,
      DEEPSEEK_API_KEY: UPSTREAM_KEY,
      DEEPSEEK_BASE_URL: deepseek.url,
      AIHUB_MEDIA_ALLOW_PRIVATE_ADDRESSES: 'true',
      ...databaseEnv,
      ...extraEnv,
    },
    logger: options.logger ?? pino({ level: 'silent' }),
    // Every REST answer is checked against its documented schema (the console's types come from them).
    checkApiResponses: true,
  });
  await app.server.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseURL: `${origin}/v1`,
    openai,
    anthropic,
    gemini,
    deepseek,
    app,
    async close() {
      await app.close();
      await Promise.all([openai.close(), anthropic.close(), gemini.close(), deepseek.close()]);
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) await dropTestSchema(schema);
    },
  };
}

/** POSTs JSON to the gateway with the admin key; returns status, headers and the raw text. */
export async function postJson(
  gateway: Gateway,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => any }> {
  const response = await fetch(`${gateway.origin}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Parses an SSE body into its `data:` payloads (JSON objects, or the string `[DONE]`). */
export function sseData(text: string): any[] {
  return text
    .split(/\n\n/)
    .map((frame) =>
      frame
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n'),
    )
    .filter(Boolean)
    .map((data) => (data === '[DONE]' ? data : JSON.parse(data)));
}
