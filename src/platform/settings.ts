import { z } from 'zod';
import { keyGroupsSchema } from '../accounts/key-groups.js';
import { DEFAULT_WEB_SEARCH_HOLD_CALLS } from '../billing/web-search-bound.js';
import { consoleSmtpUrlProblem, isMailbox } from '../mail/smtp-url.js';
import { topUpRulesSchema } from '../payments/topup-quote.js';
import { isTimeZone } from '../plans/window-clock.js';
import { hedgingSettingsSchema } from '../relay/hedge-policy.js';
import { defaultModelsSchema } from '../routing/default-model.js';
import { modelAliasesSchema } from '../routing/model-aliases.js';
import { ROUTING_POLICIES } from '../routing/tier-policy.js';
import type { Store } from '../store/database.js';
import { LOG_LEVELS } from './log-level.js';
import { inviteRewardSchema, publicModelsSchema, siteSchema } from './site-settings.js';

/** Operator settings kept in the database (the console's settings page), with their defaults. */
export const settingsSchema = z.object({
  /** Units credited to every new user (default $0.20). */
  trialCredit: z.number().int().nonnegative().default(200_000),
  registrationEnabled: z.boolean().default(true),
  /**
   * Administrators must have two-factor authentication on before any admin page or admin API
   * works for their console sessions (a 403 `mfa_enrolment_required`); AIHUB_ADMIN_KEY is unaffected.
   */
  requireAdminMfa: z.boolean().default(false),
  /** How far below zero a balance may go through concurrent requests, in units (default 0). */
  overdraft: z.number().int().nonnegative().default(0),
  /**
   * The output limit (max_tokens) held for, and sent upstream with, a request that sets none; the
   * model's own limit applies when lower (default 32,768: room for a reasoning model's thinking).
   * When its worst case does not fit the caller's money, such a request is capped to half of what
   * is free instead (billing/relay-billing.ts), so it never takes all of a balance.
   */
  defaultMaxOutputTokens: z.number().int().min(16).max(1_000_000).default(32_768),
  /**
   * Web searches held for per search tool the vendor runs without a cap of its own (OpenAI
   * Responses `web_search`, Gemini `googleSearch`, Anthropic's web search without `max_uses`),
   * billed per call (billing/web-search-bound.ts). Default 20: more than one answer usually
   * needs; a vendor that searches more is an overrun, charged as far as the balance allows.
   */
  webSearchHoldCalls: z.number().int().min(0).max(1_000).default(DEFAULT_WEB_SEARCH_HOLD_CALLS),
  /** Request log rows older than this are deleted (0 = keep forever). */
  logRetentionDays: z.number().int().nonnegative().default(90),
  /**
   * Days a stored OpenAI Responses answer is kept for `previous_response_id`, GET and DELETE
   * (default 30, as OpenAI); 0 stores none. A response's expiry is fixed when it is written.
   */
  responseRetentionDays: z.number().int().nonnegative().max(3650).default(30),
  /**
   * How much the server logs, changed at run time without a restart (platform/log-level.ts);
   * empty: LOG_LEVEL from the environment (default info).
   */
  logLevel: z.enum(['', ...LOG_LEVELS]).default(''),
  /** Store prompts and outputs in the request log. Off by default (privacy). */
  promptLogging: z.boolean().default(false),
  /**
   * The address clients reach this server at (`https://ai.example.com`), written into the
   * console's "Use with…" recipes; empty: the address the console is opened at. Only an http(s)
   * URL without query or fragment: clients append their own paths to it.
   */
  publicBaseUrl: z
    .string()
    .trim()
    .max(2048)
    .refine((value) => value === '' || isBaseUrl(value), { message: 'Must be an http:// or https:// URL' })
    .default(''),
  /**
   * Serve Midjourney result images through AIHub: a task's `imageUrl` becomes a signed link to
   * `/mj/image/{taskId}` (valid a day) that streams the image stored for that task, so clients
   * never see the upstream's host (a Discord CDN, the proxy). Off: the upstream's URL as it is.
   */
  midjourneyImageProxy: z.boolean().default(false),
  /**
   * The time zone (IANA name) whose midnights reset subscription plans' daily windows, and whose
   * Monday midnights reset their weekly windows (plans/window-clock.ts). Default UTC.
   */
  planTimezone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine((value) => isTimeZone(value), { message: 'Must be an IANA time zone such as UTC or Asia/Shanghai' })
    .default('UTC'),
  /** Group new users join. */
  defaultGroup: z.string().min(1).default('default'),
  /** Groups users may pick for an API key (accounts/key-groups.ts); multipliers are group price rules. */
  keyGroups: keyGroupsSchema.default([]),
  /** What a response-cache hit costs, as a percentage of the original answer's cost (default 0: free). */
  cacheHitChargePercent: z.number().min(0).max(100).default(0),
  /**
   * Per-model rate limits applied per key: model id or `*` glob → {rpm, tpm, concurrency}. A number
   * replaces the key's own limit for matching models; null lifts it.
   */
  modelLimits: z
    .record(
      z.string().min(1),
      z.object({
        rpm: z.number().int().positive().nullable().optional(),
        tpm: z.number().int().positive().nullable().optional(),
        concurrency: z.number().int().positive().nullable().optional(),
      }),
    )
    .default({}),
  /**
   * Model aliases callers use as model names (`fast`, `smart`...): each an ordered list of models,
   * optionally per key group, tried as fallbacks in turn (routing/model-aliases.ts).
   */
  modelAliases: modelAliasesSchema.default({}),
  /**
   * The model a request that names none is served by, per key group (`*`: every group); a model,
   * an alias or a preset (routing/default-model.ts). Without one, a request must name its model.
   */
  defaultModels: defaultModelsSchema.default({}),
  /**
   * Hedged requests (relay/hedge-policy.ts): per key group, when a second channel is asked
   * because the first has not answered; and whether callers' `x-aihub-hedge` header is honoured.
   */
  hedging: hedgingSettingsSchema.prefault({}),
  /**
   * Continue a stream that broke after some text on another channel of the same model whose
   * vendor continues a prefill (relay/stream-continuation.ts); the client sees one stream. Off by default.
   */
  streamContinuation: z.boolean().default(false),
  /**
   * How the healthy channels of one priority tier are ordered (routing/tier-policy.ts): weighted
   * (random by weight, the default), cheapest (by the channels' cost to the operator) or fastest
   * (by measured time to first token, still exploring). A caller's provider.order/sort wins.
   */
  routingPolicy: z.enum(ROUTING_POLICIES).default('weighted'),
  /**
   * Top-ups by payment: the methods offered (each also needs its provider configured), preset
   * amounts, limits, bonus tiers and the CNY rate (payments/topup-quote.ts).
   */
  topUp: topUpRulesSchema.prefault({}),
  /** Branding: name, logo, tagline and footer of the landing page and console (site-settings.ts). */
  site: siteSchema.prefault({}),
  /** What signed-out visitors see of the model list (site-settings.ts); default: with prices. */
  publicModels: publicModelsSchema.default('prices'),
  /** The reward an inviter gets at an invitee's first payment (site-settings.ts); default off. */
  inviteReward: inviteRewardSchema.prefault({}),
  /**
   * New users confirm their email address through a link before the trial credit is granted
   * (mail/account-emails.ts). Only in force while mail can be sent (SMTP configured).
   */
  requireEmailVerification: z.boolean().default(false),
  /**
   * The SMTP server mail goes through (`smtp://user@host:587`, `smtps://…`); its password is set
   * apart, encrypted (mail/mail-secrets.ts). Empty: SMTP_URL from the environment, if set.
   */
  smtpUrl: z
    .string()
    .trim()
    .max(2048)
    .superRefine((value, context) => {
      const problem = value === '' ? undefined : consoleSmtpUrlProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .default(''),
  /** The From address of mail (`AIHub <noreply@example.com>`); empty: SMTP_FROM from the environment. */
  smtpFrom: z
    .string()
    .trim()
    .max(320)
    .refine((value) => value === '' || isMailbox(value), { message: 'Must be an email address' })
    .default(''),
  /** Cloudflare Turnstile on sign-up and sign-in; in force once the site key and the secret key are set too. */
  turnstileEnabled: z.boolean().default(false),
  /** Turnstile's public site key (the secret key is set apart, encrypted). */
  turnstileSiteKey: z.string().trim().max(256).default(''),
});

function isBaseUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return (url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username;
}

export type Settings = z.infer<typeof settingsSchema>;
export type SettingsPatch = Partial<Settings>;

/**
 * A change to some settings: the same fields and rules, every one optional and WITHOUT its default.
 * (`settingsSchema.partial()` would not do: zod 4 still fills a missing field's default, so a patch
 * of one field reset all the others.)
 */
export const settingsPatchSchema = z
  .object(
    Object.fromEntries(
      Object.entries(settingsSchema.shape).map(([name, field]) => [
        name,
        (field instanceof z.ZodDefault || field instanceof z.ZodPrefault ? field.unwrap() : field).optional(),
      ]),
    ),
  )
  .strict() as unknown as z.ZodType<SettingsPatch>;

/**
 * Settings read from memory on the hot path, written through to the `settings` table. Each
 * setting is one row (key → JSON value) so a change touches only what changed.
 */
export class SettingsService {
  private current: Settings = settingsSchema.parse({});
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  get value(): Settings {
    return this.current;
  }

  /** Loads stored settings over the defaults. Unknown or invalid stored keys are ignored. */
  async load(): Promise<Settings> {
    const rows = await this.store.db.selectFrom('settings').selectAll().execute();
    const raw: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        raw[row.key] = JSON.parse(row.value);
      } catch {
        // A hand-edited row that is not JSON is ignored; the default stays.
      }
    }
    const merged: Record<string, unknown> = { ...this.current };
    for (const [key, value] of Object.entries(raw)) {
      const single = settingsSchema.shape[key as keyof Settings]?.safeParse(value);
      if (single?.success) merged[key] = single.data;
    }
    this.current = settingsSchema.parse(merged);
    return this.current;
  }

  /** Validates and stores a partial update; returns the new settings. */
  async update(patch: SettingsPatch): Promise<Settings> {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    const at = this.now();
    await this.store.db.transaction().execute(async (trx) => {
      for (const key of Object.keys(patch) as Array<keyof Settings>) {
        const value = JSON.stringify(next[key]);
        await trx
          .insertInto('settings')
          .values({ key, value, updated_at: at })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
          .execute();
      }
    });
    this.current = next;
    for (const listener of this.listeners) listener(next);
    return next;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
