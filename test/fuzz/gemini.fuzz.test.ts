/**
 * Gemini's generateContent API fuzzed through the real server (issue 12: at least 10,000 bodies):
 * `:generateContent`, `:streamGenerateContent` (with and without `alt=sse`), `:countTokens` and the
 * model list, with the key as `x-goog-api-key`, `?key=` or Bearer, against Gemini (pass-through)
 * and every other upstream (translated).
 */
import { GEMINI_ROUTES } from './surface-profiles.js';
import { describeSurfaceFuzz, plannedBodies, type RunPlan } from './surface-suite.js';

export const GEMINI_PLAN: RunPlan = {
  [GEMINI_ROUTES.generateContent]: { 'user-key': 2_400, admin: 1_400, anonymous: 150, session: 150 },
  [GEMINI_ROUTES.streamGenerateContent]: { 'user-key': 2_400, admin: 1_400, anonymous: 150, session: 150 },
  [GEMINI_ROUTES.countTokens]: { 'user-key': 1_100, admin: 500, anonymous: 100, session: 100 },
  [GEMINI_ROUTES.listModels]: { 'user-key': 100, anonymous: 50 },
  [GEMINI_ROUTES.getModel]: { 'user-key': 100, anonymous: 50 },
};

if (plannedBodies(GEMINI_PLAN) < 10_000) throw new Error('issue 12 asks for at least 10,000 bodies a surface');
await describeSurfaceFuzz('Gemini generateContent', GEMINI_PLAN);
