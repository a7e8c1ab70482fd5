/**
 * OpenAI Responses fuzzed through the real server (issue 12: at least 10,000 bodies): `POST
 * /v1/responses` with string and item inputs, tools, reasoning items carrying encrypted content
 * AIHub never sealed, unknown `previous_response_id`s, and Codex CLI's headers, against every
 * upstream family.
 */
import { describeSurfaceFuzz, plannedBodies, type RunPlan } from './surface-suite.js';

export const RESPONSES_PLAN: RunPlan = {
  'POST /v1/responses': { 'user-key': 6_000, admin: 3_400, anonymous: 300, session: 300 },
};

if (plannedBodies(RESPONSES_PLAN) < 10_000) throw new Error('issue 12 asks for at least 10,000 bodies a surface');
await describeSurfaceFuzz('OpenAI Responses', RESPONSES_PLAN);
