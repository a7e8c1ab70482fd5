import { z } from 'zod';
import type { Principal } from '../../../accounts/principal.js';
import { checkPresetBody, PRESET_NAME, presetFields } from '../../../presets/preset-body.js';
import type { PresetStore, PresetViewer } from '../../../presets/preset-store.js';
import type { ApiRegistry } from '../api-route.js';

const TAGS = ['presets'];

const presetName = z
  .string()
  .regex(PRESET_NAME, 'Letters, digits and . _ - (at most 64), starting with a letter or digit');

const presetSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  shared: z.boolean().describe('The operator’s: every user may call it'),
  ...presetFields,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
const createBody = z
  .strictObject({
    name: presetName,
    description: z.string().max(500).nullable().optional(),
    shared: z.boolean().optional().describe('Administrators: the operator’s preset, callable by every user'),
    ...presetFields,
  })
  .superRefine(checkPresetBody);
const updateBody = z.strictObject({
  name: presetName.optional(),
  description: z.string().max(500).nullable().optional(),
  ...presetFields,
});
const idParams = z.object({ id: z.string().min(1).max(100) });

const viewerOf = (principal: Principal): PresetViewer => ({
  userId: principal.userId,
  admin: principal.role === 'admin',
});

/**
 * Presets: a user's own, and the operator's shared ones (`shared: true`, administrators only),
 * called as `model: "@preset/<name>"` on every API (presets/apply-preset.ts).
 */
export function registerPresetRoutes(api: ApiRegistry, presets: PresetStore): void {
  api.route(
    {
      method: 'GET',
      url: '/api/presets',
      summary: 'Your presets and the operator’s shared ones, by name',
      tags: TAGS,
      access: 'user',
      response: z.object({ data: z.array(presetSchema) }),
    },
    async ({ principal }) => ({ data: await presets.list(viewerOf(principal)) }),
  );
  api.route(
    {
      method: 'POST',
      url: '/api/presets',
      summary: 'Save a preset: a model or fallback list, a system prompt, parameters, provider preferences',
      tags: TAGS,
      access: 'user',
      body: createBody,
      response: presetSchema,
      status: 201,
    },
    async ({ principal, body }) => presets.create(viewerOf(principal), body),
  );
  api.route(
    {
      method: 'PATCH',
      url: '/api/presets/:id',
      summary: 'Change a preset (only the fields sent)',
      tags: TAGS,
      access: 'user',
      params: idParams,
      body: updateBody,
      response: presetSchema,
    },
    async ({ principal, params, body }) => presets.update(viewerOf(principal), params.id, body),
  );
  api.route(
    {
      method: 'DELETE',
      url: '/api/presets/:id',
      summary: 'Delete a preset',
      tags: TAGS,
      access: 'user',
      params: idParams,
      status: 204,
    },
    async ({ principal, params }) => {
      await presets.remove(viewerOf(principal), params.id);
      return undefined;
    },
  );
}
