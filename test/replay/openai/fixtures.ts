/**
 * Access to the recorded traffic in ../shared/fixtures-raw (beside the repository). Missing fixtures
 * fail on CI and skip, loudly, on a developer machine.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createParser } from 'eventsource-parser';
import YAML from 'yaml';
import { findCompatPreset } from '../../../src/providers/openai/presets.js';
import type { CompatQuirks, ProviderContext, SseEvent } from '../../../src/providers/provider.js';

import { describeWithFixtures, FIXTURES_ROOT, fixturesAvailable } from '../../shared-fixtures.js';

export { FIXTURES_ROOT, fixturesAvailable } from '../../shared-fixtures.js';
export const describeReplay = describeWithFixtures;

export function readFixture(relativePath: string): string {
  return readFileSync(path.join(FIXTURES_ROOT, relativePath), 'utf8');
}

/** Files of a fixture directory ending in `suffix`, as fixture-relative paths (empty when missing). */
export function listFixtures(directory: string, suffix: string): string[] {
  const absolute = path.join(FIXTURES_ROOT, directory);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute)
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => path.posix.join(directory, file));
}

/** CATALOG.tsv rows: source, file, bytes, provider, api, mode, features. */
export function catalogRows(): Array<{ file: string; provider: string; api: string; mode: string }> {
  if (!fixturesAvailable) return [];
  return readFixture('CATALOG.tsv')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [, file, , provider, api, mode] = line.split('\t');
      return { file, provider, api, mode };
    });
}

/** Raw SSE text framed by eventsource-parser, fed in small pieces so chunk boundaries fall mid-line. */
export function sseEvents(text: string, pieceSize = 97): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (event) => events.push({ event: event.event, data: event.data }) });
  for (let offset = 0; offset < text.length; offset += pieceSize) parser.feed(text.slice(offset, offset + pieceSize));
  parser.feed('\n\n');
  return events;
}

/** vercel-ai `*.chunks.txt`: one parsed `data:` payload per line, no `[DONE]`. */
export function chunkLineEvents(text: string): SseEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ data: line }));
}

export interface CassetteInteraction {
  request: { uri: string; method: string; parsed_body?: unknown };
  response: {
    status: { code: number };
    headers: Record<string, string[]>;
    body?: { string?: string };
    parsed_body?: unknown;
  };
}

export function loadCassette(relativePath: string): CassetteInteraction[] {
  const document = YAML.parse(readFixture(relativePath)) as { interactions?: CassetteInteraction[] };
  return document.interactions ?? [];
}

export function isChatCompletions(interaction: CassetteInteraction): boolean {
  return interaction.request.uri.includes('/chat/completions');
}

/** Lower-cased single-valued headers of a cassette response. */
export function cassetteHeaders(interaction: CassetteInteraction): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(interaction.response.headers ?? {}))
    headers[name.toLowerCase()] = values[0];
  return headers;
}

/** The compat preset for a vendor name or a recorded URL; undefined means OpenAI itself. */
export function compatFor(vendorOrUrl: string): CompatQuirks | undefined {
  const vendor = vendorOrUrl.toLowerCase();
  const names: Array<[string, string]> = [
    ['groq', 'groq'],
    ['mistral', 'mistral'],
    ['openrouter', 'openrouter'],
    ['deepseek', 'deepseek'],
    ['moonshot', 'moonshot'],
    ['alibaba', 'dashscope'],
    ['dashscope', 'dashscope'],
    ['x.ai', 'xai'],
    ['xai', 'xai'],
    ['cerebras', 'cerebras'],
    ['perplexity', 'perplexity'],
    ['generativelanguage', 'gemini'],
  ];
  const match = names.find(([needle]) => vendor.includes(needle));
  if (!match) return undefined;
  return findCompatPreset(match[1])?.quirks ?? { name: match[1] };
}

/** A deterministic context: ids count up, the clock stands still. */
export function replayContext(compat?: CompatQuirks): ProviderContext {
  let counter = 0;
  return {
    target: { baseUrl: 'https://upstream.test/v1', apiKey: 'sk-test', model: 'test-model' },
    generateId: (prefix) => `${prefix}generated${++counter}`,
    now: () => 0,
    compat,
  };
}
