/**
 * Anthropic Messages fuzzed through the real server (issue 12: at least 10,000 bodies): `POST
 * /v1/messages` (with and without Claude Code's `?beta=true`, key as `x-api-key` or Bearer, odd
 * `anthropic-version` and `anthropic-beta`) and `POST /v1/messages/count_tokens`, against Claude
 * (pass-through) and every other upstream (translated).
 */
import { describeSurfaceFuzz, plannedBodies, type RunPlan } from './surface-suite.js';

export const ANTHROPIC_PLAN: RunPlan = {
  'POST /v1/messages': { 'user-key': 3_600, admin: 2_400, anonymous: 300, session: 300 },
  'POST /v1/messages/count_tokens': { 'user-key': 2_000, admin: 1_000, anonymous: 200, session: 200 },
};

if (plannedBodies(ANTHROPIC_PLAN) < 10_000) throw new Error('issue 12 asks for at least 10,000 bodies a surface');
await describeSurfaceFuzz('Anthropic Messages', ANTHROPIC_PLAN);
