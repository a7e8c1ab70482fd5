import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { costDocumentSchema } from '../channels/channel-cost-document.js';

/** The YAML config file (`--config FILE` or `AIHUB_CONFIG`): channels and settings. */
const channelSchema = z.strictObject({
  name: z.string().min(1),
  /** `openai`, `anthropic`, `gemini`, an OpenAI-compatible preset name, or `custom`. */
  type: z.string().min(1),
  base_url: z.string().url().optional(),
  key: z.string().optional(),
  keys: z.array(z.string()).optional(),
  models: z.array(z.string()).optional(),
  model_mapping: z.record(z.string(), z.string()).optional(),
  priority: z.number().int().optional(),
  weight: z.number().int().min(0).optional(),
  groups: z.array(z.string()).optional(),
  proxy: z.string().url().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  timeouts: z
    .strictObject({
      connect_ms: z.number().int().positive().optional(),
      first_byte_ms: z.number().int().positive().optional(),
      idle_ms: z.number().int().positive().optional(),
      total_ms: z.number().int().positive().optional(),
    })
    .optional(),
  /** What the channel costs the operator (`multiplier_ppm`, fixed prices per upstream model); absent = list price. */
  cost: costDocumentSchema.optional(),
});

export const configFileSchema = z.strictObject({
  channels: z.array(channelSchema).default([]),
  settings: z
    .strictObject({
      max_attempts: z.number().int().min(1).max(20).optional(),
      body_limit_mb: z.number().positive().optional(),
      upload_limit_mb: z.number().positive().optional(),
      media_allow_private_addresses: z.boolean().optional(),
    })
    .default({}),
});

export type ConfigFile = z.infer<typeof configFileSchema>;
export type ChannelConfig = z.infer<typeof channelSchema>;

/** `${VAR}` in any string value is replaced by the environment variable (keys stay out of the file). */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof value === 'string') return value.replace(/\$\{([A-Z0-9_]+)\}/gi, (_, name: string) => env[name] ?? '');
  if (Array.isArray(value)) return value.map((item) => expandEnv(item, env));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandEnv(item, env)]));
  }
  return value;
}

export function loadConfigFile(path: string, env: NodeJS.ProcessEnv): ConfigFile {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8')) ?? {};
  } catch (error) {
    throw new Error(`Cannot read config file ${path}: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(expandEnv(raw, env));
  if (!parsed.success) {
    throw new Error(`Invalid config file ${path}:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}
