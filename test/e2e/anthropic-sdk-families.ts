/**
 * What the Anthropic SDK end-to-end files share: the upstream families behind the Messages surface
 * (one model each, the emulator that serves it, and how that emulator signs its answers), and a
 * tiny PNG served over HTTP for the URL-image tests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from '../emulators/types.js';
import type { Gateway } from './gateway-harness.js';

export interface Family {
  model: string;
  /** The emulator's label in its default answer (`Hello from <label> emulator: …`). */
  label: string;
  upstream: (gateway: Gateway) => Emulator;
  /** The catalog's provider of that model (its list prices). */
  provider: string;
  /** Claude on an Anthropic channel: the body passes through untouched. */
  passThrough: boolean;
}

export const FAMILIES: Family[] = [
  {
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    label: 'Anthropic',
    upstream: (g) => g.anthropic,
    passThrough: true,
  },
  { model: 'gpt-4.1-mini', provider: 'openai', label: 'OpenAI', upstream: (g) => g.openai, passThrough: false },
  {
    model: 'gemini-2.5-flash-lite',
    provider: 'gemini',
    label: 'Gemini',
    upstream: (g) => g.gemini,
    passThrough: false,
  },
  { model: 'deepseek-chat', provider: 'deepseek', label: 'DeepSeek', upstream: (g) => g.deepseek, passThrough: false },
];

/** Each family twice: JSON and stream, for `it.each`. */
export const FAMILIES_BY_MODE: Array<[string, 'json' | 'stream', Family]> = FAMILIES.flatMap((family) => [
  [family.model, 'json', family] as [string, 'json', Family],
  [family.model, 'stream', family] as [string, 'stream', Family],
]);

// A 1x1 PNG.
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

export interface ImageServer {
  url: string;
  close(): Promise<void>;
}

export async function startImageServer(): Promise<ImageServer> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'image/png' });
    response.end(Buffer.from(PNG_BASE64, 'base64'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/pixel.png`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
