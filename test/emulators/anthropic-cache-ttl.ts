/**
 * Where an Anthropic request's one-hour cache breakpoints fall, for the emulator's usage report.
 *
 * Anthropic caches the prompt prefix up to each `cache_control` breakpoint, in prompt order (tools,
 * then system, then messages), and requires one-hour breakpoints to come before five-minute ones:
 * the prefix up to the last `ttl: "1h"` breakpoint is written with a one-hour lifetime, the rest of
 * the written prefix with five minutes. Token counts are the emulator's chars/4 estimates.
 */
import { estimatePromptTokens } from './tokens.js';
import type { Json } from './types.js';

export interface CacheBreakpoints {
  /** Estimated prompt tokens up to and including the block of the last one-hour breakpoint. */
  oneHourPrefixTokens: number;
  /** No five-minute breakpoint follows the last one-hour one: every write is a one-hour write. */
  allOneHour: boolean;
}

/** The prompt's blocks in Anthropic's cache order. */
function promptBlocks(body: Json): unknown[] {
  const blocks: unknown[] = [];
  if (Array.isArray(body?.tools)) blocks.push(...body.tools);
  if (Array.isArray(body?.system)) blocks.push(...body.system);
  else if (body?.system !== undefined) blocks.push(body.system);
  for (const message of Array.isArray(body?.messages) ? body.messages : []) {
    if (Array.isArray(message?.content)) blocks.push(...message.content);
    else blocks.push(message?.content);
  }
  return blocks;
}

function ttlOf(block: unknown): '5m' | '1h' | undefined {
  if (!block || typeof block !== 'object') return undefined;
  const marker = (block as { cache_control?: unknown }).cache_control;
  if (!marker || typeof marker !== 'object') return undefined;
  return (marker as { ttl?: unknown }).ttl === '1h' ? '1h' : '5m';
}

/** Undefined when the request has no one-hour breakpoint (every write is a five-minute one). */
export function oneHourCacheBreakpoints(body: Json): CacheBreakpoints | undefined {
  let tokens = 0;
  let result: CacheBreakpoints | undefined;
  for (const block of promptBlocks(body)) {
    tokens += estimatePromptTokens(block);
    const ttl = ttlOf(block);
    if (ttl === '1h') result = { oneHourPrefixTokens: tokens, allOneHour: true };
    else if (ttl === '5m' && result) result.allOneHour = false;
  }
  return result;
}

/** The one-hour part of `cacheWrite` written tokens, given the request's breakpoints. */
export function oneHourWrites(cacheWrite: number, breakpoints: CacheBreakpoints | undefined): number {
  if (!breakpoints || cacheWrite <= 0) return 0;
  return breakpoints.allOneHour ? cacheWrite : Math.min(cacheWrite, breakpoints.oneHourPrefixTokens);
}
