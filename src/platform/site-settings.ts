import { z } from 'zod';

/** Longest logo stored in the settings as a `data:` URL (an uploaded image of up to 64 KB). */
export const MAX_LOGO_DATA_URL_CHARS = Math.ceil((64 * 1024 * 4) / 3) + 40;

const LOGO_DATA_URL = /^data:image\/(png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;

/**
 * A logo: empty (the built-in mark), an http(s) URL, or a small uploaded image as a base64
 * `data:image/…` URL. Nothing else: it becomes an `<img src>` on the public landing page.
 */
function isLogo(value: string): boolean {
  if (value === '') return true;
  if (value.startsWith('data:')) return value.length <= MAX_LOGO_DATA_URL_CHARS && LOGO_DATA_URL.test(value);
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
}

const localized = (max: number) =>
  z.object({ en: z.string().trim().max(max).default(''), zh: z.string().trim().max(max).default('') }).prefault({});

/** The operator's branding: what the landing page, the console's header and tab titles show. */
export const siteSchema = z.object({
  /** Shown in the header, the landing page and every tab title (default AIHub). */
  name: z.string().trim().min(1).max(60).default('AIHub'),
  logoUrl: z
    .string()
    .trim()
    .refine(isLogo, { message: 'Must be an http(s) URL or an uploaded PNG, JPEG, GIF, WebP or SVG image under 64 KB' })
    .default(''),
  /** One line under the name on the landing page, per language. */
  tagline: localized(200),
  /** The landing page's footer, Markdown (rendered without HTML), per language. */
  footer: localized(4000),
});

/**
 * What signed-out visitors see of the model list: `hidden` (nothing), `list` (models without
 * prices) or `prices` (models with the sale prices of the default group). Signed-in users always
 * see the full list with their own group's prices.
 */
export const publicModelsSchema = z.enum(['hidden', 'list', 'prices']);
export type PublicModels = z.infer<typeof publicModelsSchema>;

/**
 * The inviter's reward when an invitee's first payment is credited: `fixedUnits` plus `percent`
 * of what that payment credited (bonus excluded), rounded down. Both 0 (the default): off.
 */
export const inviteRewardSchema = z.object({
  fixedUnits: z.number().int().nonnegative().max(1_000_000_000).default(0),
  percent: z.number().min(0).max(100).default(0),
});
export type InviteReward = z.infer<typeof inviteRewardSchema>;
