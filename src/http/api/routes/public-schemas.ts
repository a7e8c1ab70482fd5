import { z } from 'zod';
import { publicModelsSchema, siteSchema } from '../../../platform/site-settings.js';
import { modelsResponse } from './billing-schemas.js';

const epochMs = z.int().describe('Milliseconds since the Unix epoch');
const bilingual = z.object({ en: z.string(), zh: z.string() });

export const announcementSchema = z.object({
  id: z.string(),
  title: bilingual,
  body: bilingual.describe('Markdown (rendered without HTML)'),
  startsAt: epochMs,
  endsAt: epochMs.nullable().describe('Null: live until deleted'),
  pinned: z.boolean().describe('Pinned notices are a banner in the console'),
  createdBy: z.string(),
  createdAt: epochMs,
  updatedAt: epochMs,
});

/** What the public sees of an announcement (not who wrote it). */
export const publicAnnouncementSchema = announcementSchema.pick({
  id: true,
  title: true,
  body: true,
  startsAt: true,
  endsAt: true,
  pinned: true,
});

export const publicSiteResponse = siteSchema.extend({
  registrationEnabled: z.boolean(),
  publicModels: publicModelsSchema.describe('What signed-out visitors see of the model list'),
  announcements: z.array(publicAnnouncementSchema).describe('Live now: pinned first, then newest'),
});

export const publicModelsResponse = modelsResponse.extend({
  visibility: publicModelsSchema.describe('hidden: no models listed; list: without prices; prices: with prices'),
});

export const announcementBody = z.strictObject({
  title: z.strictObject({ en: z.string().max(200), zh: z.string().max(200) }),
  body: z.strictObject({ en: z.string().max(20_000), zh: z.string().max(20_000) }),
  startsAt: epochMs.nonnegative().optional().describe('Default: now'),
  endsAt: epochMs.nonnegative().nullable().optional(),
  pinned: z.boolean().optional(),
});

export const announcementListResponse = z.object({ data: z.array(announcementSchema) });

export const announcementParams = z.strictObject({ id: z.string().min(1).max(100) });

export const inviteResponse = z.object({
  code: z.string().describe('Append as ?invite=CODE to the sign-up page'),
  invitees: z.int().describe('Users who signed up with the code'),
  paidInvitees: z.int().describe('Of them, those who made their first payment'),
  rewardsEarned: z.int().describe('Units credited to you as invite rewards'),
  reward: z.object({
    fixedUnits: z.int().describe('Units per invitee’s first payment'),
    percent: z.number().describe('Percent of that payment'),
  }),
});
