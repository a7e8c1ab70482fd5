/** A gateway with several OpenAI-compatible channels on two emulators, from a YAML config file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { RequestLog } from '../../src/logs/request-log-entry.js';
import { type OpenAIEmulatorOptions, startOpenAIEmulator } from '../emulators/index.js';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, sseData, startGateway } from './gateway-harness.js';

export interface FailoverGateway {
  gateway: Gateway;
  /** Emulator behind the preferred channels. */
  a: Emulator;
  /** Emulator behind the healthy fallback channels. */
  b: Emulator;
  close(): Promise<void>;
}

export type ChannelYaml = Record<string, unknown>;

/**
 * Starts emulators A and B, then a gateway whose channels come from `channels(a, b)` in a config
 * file. The environment's OpenAI channel is switched off so only the file's channels serve.
 */
export async function startFailoverGateway(
  channels: (a: Emulator, b: Emulator) => ChannelYaml[],
  extraEnv: Record<string, string> = {},
  /** Options of both emulators (`apiKey`: the keys they accept, default `test-key`). */
  emulatorOptions: OpenAIEmulatorOptions = {},
): Promise<FailoverGateway> {
  const [a, b] = await Promise.all([
    startOpenAIEmulator({ ...emulatorOptions, label: 'A' }),
    startOpenAIEmulator({ ...emulatorOptions, label: 'B' }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'aihub-failover-'));
  const configPath = join(dir, 'aihub.yaml');
  writeFileSync(configPath, stringify({ channels: channels(a, b) }));
  const gateway = await startGateway({ OPENAI_API_KEY: '', AIHUB_CONFIG: configPath, ...extraEnv });
  return {
    gateway,
    a,
    b,
    async close() {
      await gateway.close();
      await Promise.all([a.close(), b.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ChatReply {
  status: number;
  headers: Headers;
  text: string;
  json(): any;
  /** The SSE `data:` payloads. */
  events(): any[];
}

/** POSTs a chat completion; never waits more than `timeoutMs` (a hung connection fails the test). */
export async function chat(
  gateway: Gateway,
  body: Record<string, unknown>,
  key = ADMIN_KEY,
  timeoutMs = 10_000,
): Promise<ChatReply> {
  const response = await fetch(`${gateway.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text),
    events: () => sseData(text),
  };
}

/** The request log row (written asynchronously: polled, admin view). */
export async function logRow(gateway: Gateway, requestId: string): Promise<RequestLog> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${gateway.origin}/api/logs/${requestId}`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
      signal: AbortSignal.timeout(5_000),
    });
    if (response.status === 200) return (await response.json()) as RequestLog;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`log row ${requestId} never appeared`);
}

/** The text a stream delivered. */
export function streamText(events: any[]): string {
  return events
    .filter((event) => event !== '[DONE]' && event.choices)
    .map((event) => event.choices[0]?.delta?.content ?? '')
    .join('');
}

/** Generation requests an emulator received for `model`. */
export function received(emulator: Emulator, model: string): number {
  return emulator.requests.filter((request) => (request.body as { model?: string })?.model === model).length;
}
