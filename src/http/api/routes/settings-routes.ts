import { z } from 'zod';
import { type SettingsService, settingsPatchSchema, settingsSchema } from '../../../platform/settings.js';
import type { ApiRegistry } from '../api-route.js';

const TAGS = ['settings'];

/** The operator's settings page: trial credit, registration, overdraft, log retention, prompt logging, public URL. */
export function registerSettingsRoutes(api: ApiRegistry, settings: SettingsService): void {
  api.route(
    {
      method: 'GET',
      url: '/api/admin/settings',
      summary: 'Read the operator settings',
      tags: TAGS,
      access: 'admin',
      response: settingsSchema,
    },
    async () => settings.value,
  );
  api.route(
    {
      method: 'PATCH',
      url: '/api/admin/settings',
      summary: 'Change operator settings (only the fields sent)',
      tags: TAGS,
      access: 'admin',
      body: settingsPatchSchema,
      response: settingsSchema,
    },
    async ({ body }) => settings.update(body),
  );
  api.route(
    {
      method: 'GET',
      url: '/api/settings/public',
      summary: 'What a visitor may know before signing up',
      tags: TAGS,
      access: 'public',
      response: z.object({
        registrationEnabled: z.boolean(),
        trialCredit: z.number().int(),
        publicBaseUrl: z.string().describe("Where clients reach the API; empty: the console's own address"),
      }),
    },
    async () => ({
      registrationEnabled: settings.value.registrationEnabled,
      trialCredit: settings.value.trialCredit,
      publicBaseUrl: settings.value.publicBaseUrl,
    }),
  );
}
