import { z } from 'zod';
import { channelCostSchema } from './channel-cost-field.js';

/**
 * Request and response shapes of the admin channel routes. Requests are strict (a typo is a 400,
 * not a silent no-op); length caps bound the work, while ChannelStore applies the real rules
 * (known vendor, http(s) URLs, model ids or globs) and names the field. Responses never carry a
 * plaintext key or header value.
 */

const epochMs = z.number().int().describe('Milliseconds since the Unix epoch');
const status = z.enum(['enabled', 'disabled', 'auto_disabled']);
const modelId = z.string().max(200);
const reason = z.string().max(500);

const timeouts = z.object({
  connectMs: z.number().int().optional(),
  firstByteMs: z.number().int().optional().describe('Wait for the response headers (≈ time to first token)'),
  idleMs: z.number().int().optional().describe('Longest silence between two chunks'),
  totalMs: z.number().int().nullable().optional().describe('Longest whole request; null = no limit'),
});

const settings = {
  name: z.string().max(64),
  type: z.string().max(40).describe('A vendor preset (openai, anthropic, gemini, deepseek, ...) or custom'),
  baseUrl: z.string().max(2048).nullable().optional().describe("Null = the vendor's default; required for custom"),
  models: z.array(modelId).max(5000).nullable().optional().describe("Ids or * globs; null = the vendor's default"),
  modelMapping: z.record(modelId, modelId).nullable().optional().describe('Client model → upstream model'),
  priority: z.number().int().optional().describe('Higher is tried first'),
  weight: z.number().int().min(0).max(1000).optional().describe('Share among equal priority; 0 = drained'),
  groups: z.array(z.string().max(64)).max(200).nullable().optional().describe('User groups; null = every group'),
  headers: z
    .record(z.string().max(128), z.string().max(8192))
    .nullable()
    .optional()
    .describe('Extra request headers, stored encrypted; replaces the whole set'),
  proxyUrl: z.string().max(2048).nullable().optional(),
  timeouts: timeouts.strict().nullable().optional(),
  tags: z.array(z.string().max(32)).max(20).nullable().optional().describe('Free-form labels; null = none'),
  cost: channelCostSchema.nullable().optional(),
};

const keyList = z.array(z.string().max(4096)).max(1000);

export const createChannelBody = z.strictObject({
  ...settings,
  keys: keyList.default([]).describe('Upstream keys; none = key-less (ollama, custom only)'),
});

export const updateChannelBody = z.strictObject({
  ...settings,
  name: settings.name.optional(),
  type: settings.type.optional(),
});

export const addKeysBody = z.strictObject({ keys: keyList.min(1) });
export const keyStatusBody = z.strictObject({ status: z.enum(['enabled', 'disabled']), reason: reason.optional() });
export const statusChangeBody = z.strictObject({ reason: reason.optional() });
export const testChannelBody = z.strictObject({
  model: modelId.optional().describe("Default: the channel's first model, or a cheap vendor default"),
  keyId: z.string().max(100).optional().describe('Test this key (even a disabled one); default the first enabled'),
});

export const channelIdParams = z.strictObject({ id: z.string().min(1).max(200) });
export const channelKeyParams = z.strictObject({ id: z.string().min(1).max(200), keyId: z.string().min(1).max(200) });

export const channelKeySchema = z.object({
  id: z.string(),
  hint: z.string().describe('sk-…wxyz'),
  status,
  statusReason: z.string().nullable(),
  statusChangedAt: epochMs.nullable(),
  createdAt: epochMs.nullable(),
});

export const channelSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  source: z.enum(['env', 'config', 'admin']),
  readOnly: z.boolean().describe('Env/config channels: only enable/disable, in memory'),
  baseUrl: z.string(),
  models: z.array(z.string()).nullable(),
  modelMapping: z.record(z.string(), z.string()),
  priority: z.number().int(),
  weight: z.number().int(),
  groups: z.array(z.string()).nullable(),
  headerNames: z.array(z.string()).describe('Names only: values may be credentials'),
  proxyUrl: z.string().nullable().describe('Password masked'),
  timeouts: timeouts,
  status,
  statusReason: z.string().nullable(),
  statusChangedAt: epochMs.nullable(),
  keys: z.array(channelKeySchema),
  tags: z.array(z.string()),
  cost: channelCostSchema.nullable(),
  warnings: z.array(z.string()),
  lastTest: z
    .object({
      at: epochMs,
      ok: z.boolean(),
      latencyMs: z.number().int(),
      model: z.string(),
      status: z.number().int().nullable(),
      error: z.object({ kind: z.string(), message: z.string() }).nullable(),
    })
    .nullable()
    .optional()
    .describe('The last channel test (list and single reads)'),
  unpricedModels: z
    .array(z.string())
    .optional()
    .describe('Models it names that have no price: metered users get model_price_unknown'),
  balanceAvailable: z.boolean().optional().describe('The vendor exposes the account balance (GET …/balance)'),
  createdAt: epochMs.nullable(),
  updatedAt: epochMs.nullable(),
});

export const channelListResponse = z.object({ data: z.array(channelSchema) });

export const channelTestResponse = z.object({
  ok: z.boolean(),
  channelId: z.string(),
  keyId: z.string().nullable(),
  model: z.string(),
  upstreamModel: z.string(),
  latencyMs: z.number().int(),
  status: z.number().int().optional().describe("The upstream's HTTP status"),
  answer: z.string().optional(),
  error: z.object({ kind: z.string(), code: z.string().nullable(), message: z.string() }).optional(),
});
