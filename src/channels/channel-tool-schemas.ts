import { z } from 'zod';
import { channelTestResponse } from './channel-api-schemas.js';
import { MAX_TEST_CONCURRENCY } from './channel-test-all.js';

/** Shapes of the operator's channel tools: test all, upstream model list, balance, bulk status. */

const channelIds = z.array(z.string().min(1).max(200)).max(1000);
const tag = z.string().min(1).max(32);

export const testAllBody = z.strictObject({
  ids: channelIds.optional().describe('Test these channels; default every channel (or every one with `tag`)'),
  tag: tag.optional().describe('Only channels with this tag'),
  concurrency: z.number().int().min(1).max(MAX_TEST_CONCURRENCY).optional().describe('Tests in flight (default 4)'),
});

export const testAllResponse = z.object({ data: z.array(channelTestResponse) });

const lookupError = z.object({ kind: z.string(), code: z.string().nullable(), message: z.string() });

export const upstreamModelsResponse = z.object({
  ok: z.boolean(),
  models: z.array(z.string()).optional().describe('Ids as the upstream lists them, sorted'),
  error: lookupError.optional(),
});

export const balanceResponse = z.object({
  available: z.boolean().describe('False: the vendor exposes no balance to an API key'),
  ok: z.boolean().optional(),
  balances: z.array(z.object({ currency: z.string(), remaining: z.number() })).optional(),
  error: lookupError.optional(),
});

export const bulkStatusBody = z.strictObject({
  status: z.enum(['enabled', 'disabled']),
  ids: channelIds.optional().describe('These channels'),
  tag: tag.optional().describe('Or every channel with this tag'),
  reason: z.string().max(500).optional(),
});

export const bulkStatusResponse = z.object({ updated: z.number().int(), ids: z.array(z.string()) });
