import type { ColumnType, Generated } from 'kysely';

/**
 * The database as Kysely sees it. Conventions (both dialects):
 * - ids are text, made by the application (`usr_…`, `key_…`), so inserts need no RETURNING;
 * - times are integer milliseconds since the Unix epoch;
 * - money is an integer in micro-dollars (1 unit = 1e-6 USD; DESIGN.md §4), never a float;
 * - booleans are integers 0/1; lists and objects are JSON text.
 */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  ledger_entries: LedgerEntriesTable;
  reservations: ReservationsTable;
  billing_overruns: BillingOverrunsTable;
  instances: InstancesTable;
  redemption_batches: RedemptionBatchesTable;
  redemption_codes: RedemptionCodesTable;
  request_logs: RequestLogsTable;
  settings: SettingsTable;
  price_rules: PriceRulesTable;
  catalog_entries: CatalogEntriesTable;
  channels: ChannelsTable;
  channel_keys: ChannelKeysTable;
  channel_test_results: ChannelTestResultsTable;
  login_addresses: LoginAddressesTable;
  login_lockouts: LoginLockoutsTable;
  stored_responses: StoredResponsesTable;
  stored_response_items: StoredResponseItemsTable;
  media_jobs: MediaJobsTable;
  payment_orders: PaymentOrdersTable;
  payment_events: PaymentEventsTable;
  plans: PlansTable;
  subscriptions: SubscriptionsTable;
  subscription_windows: SubscriptionWindowsTable;
  plan_holds: PlanHoldsTable;
  email_tokens: EmailTokensTable;
  subscription_events: SubscriptionEventsTable;
  user_identities: UserIdentitiesTable;
  oauth_flows: OAuthFlowsTable;
  trial_grants: TrialGrantsTable;
  announcements: AnnouncementsTable;
  invite_codes: InviteCodesTable;
  invitations: InvitationsTable;
  mfa_totp: MfaTotpTable;
  mfa_backup_codes: MfaBackupCodesTable;
  auth_challenges: AuthChallengesTable;
  passkeys: PasskeysTable;
  presets: PresetsTable;
}

/** Per-minute request and token limits and a concurrency cap; null = no limit at this level. */
export interface RateLimitColumns {
  rpm_limit: number | null;
  tpm_limit: number | null;
  concurrency_limit: number | null;
}

export type ChannelStatus = 'enabled' | 'disabled' | 'auto_disabled';

/** An upstream account managed at run time (migration 0002). */
export interface ChannelsTable {
  id: string;
  name: string;
  /** `openai`, `anthropic`, `gemini`, an OpenAI-compatible preset name, or `custom`. */
  type: string;
  base_url: string | null;
  /** JSON array of model ids or `*` globs; null = the vendor's default list. */
  models: string | null;
  /** JSON object: client model name → upstream model name. */
  model_mapping: string | null;
  priority: number;
  weight: number;
  /** JSON array of user groups allowed to use it; null = every group. */
  groups: string | null;
  /** Extra request headers (JSON object), encrypted like keys since they may hold secrets. */
  headers_encrypted: string | null;
  proxy_url: string | null;
  /** JSON: { connectMs, firstByteMs, idleMs, totalMs }. */
  timeouts: string | null;
  status: ChannelStatus;
  /** Why it was disabled (by an admin or automatically), shown to admins. */
  status_reason: string | null;
  status_changed_at: number | null;
  created_at: number;
  updated_at: number;
  /** JSON array of free-form tags for filtering and bulk actions (migration 0024); null = none. */
  tags: ColumnType<string | null, string | null | undefined, string | null>;
  /** JSON `{ multiplierPpm?, models? }`: what the channel costs the operator (migration 0029); null = list price. */
  cost: ColumnType<string | null, string | null | undefined, string | null>;
}

/** The last admin test of each channel (migration 0024); env/config channel ids too. */
export interface ChannelTestResultsTable {
  channel_id: string;
  tested_at: number;
  /** 1 when the upstream answered the test. */
  ok: number;
  latency_ms: number;
  model: string;
  /** The upstream's HTTP status, when it answered. */
  status: number | null;
  error_kind: string | null;
  error_message: string | null;
}

export interface ChannelKeysTable {
  id: string;
  channel_id: string;
  /** AES-256-GCM ciphertext of the upstream key (see src/channels/secret-box.ts). */
  key_encrypted: string;
  /** `sk-…wxyz` for the console. */
  key_hint: string;
  status: ChannelStatus;
  status_reason: string | null;
  status_changed_at: number | null;
  created_at: number;
}

export type UserRole = 'user' | 'admin';
export type UserStatus = 'active' | 'disabled';

export interface UsersTable extends RateLimitColumns {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  /** argon2id PHC string; null for accounts that cannot log in with a password (the bootstrap admin). */
  password_hash: string | null;
  display_name: string | null;
  role: UserRole;
  /** Pricing and channel group. */
  group_name: string;
  status: UserStatus;
  /** Settled balance in units; equals the sum of the user's ledger entries. */
  balance: number;
  /** Sum of open reservations in units (not yet settled). */
  reserved: number;
  /** When the user proved the email address is theirs (a verification link); null: not yet. */
  email_verified_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SessionsTable {
  /** SHA-256 of the session token (the cookie holds the token). */
  id: string;
  user_id: string;
  /** SHA-256 (hex) of the session's CSRF token; the token is derived from the cookie, never stored. */
  csrf_token_hash: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export type ApiKeyStatus = 'enabled' | 'disabled';

/**
 * `standard`: a key the user created and manages. `playground`: the console playground's
 * short-lived credential, one per session, hidden from key management (migration 0003).
 */
export type ApiKeyKind = 'standard' | 'playground';

export interface ApiKeysTable extends RateLimitColumns {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 (hex) of the full key; the key itself is shown once and never stored. */
  key_hash: string;
  /** What the console shows: `sk-ab12…wxyz`. */
  key_hint: string;
  /** Spend limit in units; null = unlimited (the user's balance still applies). */
  quota: number | null;
  /** Settled spend in units. */
  used: number;
  /** Open reservations against the quota, in units. */
  reserved: number;
  expires_at: number | null;
  /** JSON array of model ids or `*` globs; null = all models. */
  allowed_models: string | null;
  /** JSON array of IPs or CIDRs; null = any address. */
  allowed_ips: string | null;
  status: ApiKeyStatus;
  last_used_at: number | null;
  created_at: number;
  updated_at: number;
  /** Migration 0003; the database default `standard` when omitted. */
  kind: Generated<ApiKeyKind>;
  /** The console session a `playground` key belongs to (SHA-256 of its token); null otherwise. Unique. */
  session_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Migration 0025: the key group its requests route and are priced in; null = the owner's group. */
  group_name: ColumnType<string | null, string | null | undefined, string | null>;
}

/**
 * `topup`: a paid order credited (reference = the order id); `refund`: a refund or lost dispute
 * reversing a top-up (negative; reference = `<order id>:<refund or dispute id>`); `plan`: a
 * subscription bought or renewed with the balance (reference = subscription id:period number);
 * `invite_reward`: an inviter's reward for an invitee's first payment (reference = the invitee's id).
 */
export const LEDGER_KINDS = [
  'trial',
  'topup',
  'redeem',
  'adjust',
  'charge',
  'refund',
  'plan',
  'invite_reward',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntriesTable {
  id: string;
  user_id: string;
  /** Signed units: credits positive, charges negative. */
  amount: number;
  kind: LedgerKind;
  /** Why, in English (src/billing/ledger-reason.ts `describeLedgerReason`). */
  reason: string;
  /** The reason's code and JSON parameters, which the console translates; null on rows older than migration 0026. */
  reason_code: string | null;
  reason_params: string | null;
  /** The request (charges), redemption code or adjustment this entry belongs to. Unique per kind. */
  reference: string;
  key_id: string | null;
  /** The user's balance right after this entry. */
  balance_after: number;
  created_at: number;
}

export interface ReservationsTable {
  /** The request id. */
  id: string;
  user_id: string;
  key_id: string | null;
  amount: number;
  /** The process holding it; see `instances`. */
  instance_id: string;
  created_at: number;
}

/**
 * A settlement whose cost exceeded its hold (migration 0006): the excess was charged only as far
 * as the free headroom and the key's quota allowed; cost − charged was not collected.
 */
export interface BillingOverrunsTable {
  /** The request id. */
  request_id: string;
  user_id: string;
  key_id: string | null;
  /** Units the request held. */
  held: number;
  /** Units the vendor's usage cost at the sale price. */
  cost: number;
  /** Units charged (≥ held, ≤ cost). */
  charged: number;
  created_at: number;
}

/** Live gateway processes; a reservation whose instance stopped heart-beating is orphaned. */
export interface InstancesTable {
  id: string;
  started_at: number;
  heartbeat_at: number;
}

export interface RedemptionBatchesTable {
  id: string;
  name: string;
  /** Units each code credits. */
  amount: number;
  count: number;
  expires_at: number | null;
  created_by: string;
  created_at: number;
  /** The plan each code grants instead of credit (migration 0018); null = a credit batch. */
  plan_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export type RedemptionStatus = 'unused' | 'redeemed' | 'disabled';

export interface RedemptionCodesTable {
  id: string;
  batch_id: string;
  /** The code itself (operators export codes to sell them); unique. */
  code: string;
  amount: number;
  expires_at: number | null;
  status: RedemptionStatus;
  redeemed_by: string | null;
  redeemed_at: number | null;
  created_at: number;
  /** The plan this code grants instead of credit (migration 0018); null = credit. */
  plan_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RequestLogsTable {
  /** The request id (`x-request-id`). */
  id: string;
  created_at: number;
  user_id: string | null;
  key_id: string | null;
  model_requested: string;
  model_served: string | null;
  provider: string | null;
  channel: string | null;
  status: number;
  stream: number;
  attempts: number;
  prompt_tokens: number;
  completion_tokens: number;
  cached_tokens: number;
  cache_write_tokens: number;
  /** The one-hour part of `cache_write_tokens` (migration 0010). */
  cache_write_1h_tokens: number;
  /** Web searches the vendor ran, billed per call (migration 0014). */
  web_search_calls: number;
  /** Counts billed by the unit, as JSON `{ "<unit key>": count }` (migration 0015); NULL for token-only calls. */
  units: string | null;
  reasoning_tokens: number;
  /** 1 when the tokens were counted by the gateway because the vendor reported no usage. */
  usage_estimated: number;
  cost: number;
  /** Drawn from a subscription plan's windows, money units, when a plan covered it (migration 0019). */
  plan_drawn: number;
  latency_ms: number;
  ttft_ms: number | null;
  finish_reason: string | null;
  error_code: string | null;
  error_message: string | null;
  client_ip: string | null;
  /** Only when the operator turned prompt logging on. */
  prompt: string | null;
  output: string | null;
  /** JSON array, one entry per upstream attempt: channel, key hint, status, error, ms (migration 0002). */
  attempts_detail: string | null;
  /** 1 when answered from the response cache (migration 0002). */
  cached_response: number | null;
  /** The kind of API key the request used (migration 0003); null when unauthenticated or older. */
  key_kind: ApiKeyKind | null;
  /** The inbound API the request came in on (migration 0009; older rows: `openai-chat`). */
  surface: string;
  /** `generate` or `count_tokens` (migration 0012; older rows: `generate`). */
  endpoint: string;
  /** The key group the request was routed and priced in (migration 0027); null when unauthenticated or older. */
  key_group: string | null;
  /** What the request cost the operator upstream, units (migration 0030); null = not known. */
  upstream_cost: number | null;
  /** Hedged attempts that lost their race: their prompts at their channels' cost, units (migration 0030). */
  hedge_overhead: number;
}

export interface SettingsTable {
  key: string;
  /** JSON text. */
  value: string;
  updated_at: number;
}

export type PriceRuleScope = 'global' | 'group' | 'model';

/**
 * How the operator prices: sale price = official price × multipliers (global × group × model),
 * or a fixed per-model price. Multipliers are integer parts per million (1.0 = 1,000,000).
 */
export interface PriceRulesTable {
  id: string;
  scope: PriceRuleScope;
  /** `*` for global, the group name, or the model id. */
  target: string;
  multiplier_ppm: number | null;
  /** JSON: fixed prices in units (per 1M tokens, or `perRequest`), overriding official × multiplier. */
  fixed_prices: string | null;
  updated_at: number;
}

/**
 * Catalog data that differs from the built-in catalog: entries from an admin refresh (`source:
 * 'remote'`) and admin overrides (`source: 'override'`), each a CatalogModel as JSON.
 */
export interface CatalogEntriesTable {
  provider: string;
  model_id: string;
  source: 'remote' | 'override';
  data: string;
  updated_at: number;
}

/** An address an account signed in from successfully (migration 0008). */
export interface LoginAddressesTable {
  user_id: string;
  /** IPv4 as is, IPv6 as its /64 (src/limits/ip-key.ts). */
  address: string;
  last_login_at: number;
}

/** A pause of sign-ins to an account from unfamiliar addresses after repeated failures (migration 0008). */
export interface LoginLockoutsTable {
  id: string;
  user_id: string;
  started_at: number;
  ends_at: number;
  /** Failed attempts that led to the pause. */
  failed_attempts: number;
  /** When the owner saw and dismissed the notice; null until then. */
  acknowledged_at: number | null;
}

/** A stored OpenAI Responses answer (migration 0011), for `previous_response_id`, GET and DELETE. */
export interface StoredResponsesTable {
  /** The response id its client saw (`resp_…`). */
  id: string;
  /** The owner: only this user may read, continue or delete it. */
  user_id: string;
  key_id: string | null;
  model: string;
  /** JSON array: the conversation before the answer (stored history, then the request's own input). */
  request_items: string;
  /** JSON array: the answer's output items, reasoning always with `encrypted_content`. */
  output: string;
  /** JSON: the response object as its client received it. */
  response: string;
  created_at: number;
  expires_at: number;
}

/** Which stored response holds an item (migration 0013), for `item_reference` lookups by id. */
export interface StoredResponseItemsTable {
  /** The owner of the response: a lookup names it, so another user's items are never found. */
  user_id: string;
  /** An input or output item's `id` (`msg_…`, `fc_…`, `rs_…`). */
  item_id: string;
  /** The `stored_responses` row holding the item. */
  response_id: string;
  /** Characters of that row's `request_items` and `output` JSON: what loading the item costs. */
  response_chars: number;
}

/** An asynchronous media job (migration 0016); see src/jobs/job-store.ts. */
export interface MediaJobsTable {
  id: string;
  /** `video`, `midjourney`, ...: which JobDriver polls it. */
  kind: string;
  user_id: string;
  key_id: string | null;
  /** The durable billing hold's id and the request-log row's id. */
  request_id: string;
  channel_id: string;
  vendor: string;
  model: string;
  upstream_model: string;
  /** The vendor's id for the job (an OpenAI video id, a Gemini operation name); null until submitted. */
  upstream_id: string | null;
  status: string;
  /** 0–100. */
  progress: number;
  /** JSON: what the caller asked for, as the driver needs it to poll and to answer. */
  request: string;
  /** JSON: the finished job's result (kind-specific); null until completed. */
  result: string | null;
  /** JSON `{code, message}`; null unless failed. */
  error: string | null;
  /** JSON: the billed units (`{"video_second:1280x720":8}`); null until settled. */
  units: string | null;
  cost: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  next_poll_at: number;
  /** Consecutive polls that failed (network, 5xx); drives the back-off. */
  poll_failures: number;
  lease_owner: string | null;
  /** 0 when nobody holds it. */
  lease_until: number;
  deadline_at: number;
}

/** A top-up or plan purchase (migration 0017); see src/payments/order-service.ts. */
export interface PaymentOrdersTable {
  id: string;
  user_id: string;
  /** `stripe` | `alipay` | `epay`. */
  method: string;
  /** `topup` | `plan`. */
  purpose: string;
  plan_id: string | null;
  /** `created` | `credited` | `expired` | `failed` | `refunded` (order-status.ts). */
  status: string;
  /** `USD` | `CNY`. */
  currency: string;
  /** What the provider charges, in the currency's minor unit (cents, fen). */
  pay_amount: number;
  /** Ledger units the user gets, bonus included; fixed at creation. */
  credit_amount: number;
  bonus_amount: number;
  /** Minor units refunded by the provider so far. */
  refunded_pay_amount: number;
  /** Ledger units taken back by refunds and lost disputes so far. */
  reversed_amount: number;
  /** The provider's id for the checkout (a Stripe session id, the order number at Alipay/EPay). */
  provider_ref: string | null;
  /** JSON: where the user pays (`{url}`, `{qrCode}`, `{form}`); null until the checkout exists. */
  checkout: string | null;
  /** JSON: what the provider told us (trade number, payer), for the operator. */
  detail: string | null;
  /** The administrator who marked the order by hand, if one did. */
  marked_by: string | null;
  created_at: number;
  updated_at: number;
  expires_at: number;
  credited_at: number | null;
}

/** One notification, webhook, return visit or operator action about payments (migration 0017). */
export interface PaymentEventsTable {
  id: string;
  provider: string;
  /** The provider's event id for an applied event (unique per provider); null for refused ones. */
  event_key: string | null;
  order_id: string | null;
  /** `notify` | `webhook` | `return` | `admin`. */
  kind: string;
  /** `credited` | `reversed` | `duplicate` | `refused` | `ignored` | `marked`. */
  outcome: string;
  reason: string;
  /** Who acted, for `admin` events. */
  actor: string | null;
  remote_address: string | null;
  /** The verified fields of the event (never a secret or a signature key); JSON. */
  payload: string | null;
  created_at: number;
}

/** Subscription plans (migration 0018; src/plans/). JSON columns are parsed by src/plans/plan-rows.ts. */
export type PlanStatus = 'active' | 'archived';
export type PlanPeriodKind = 'month' | 'week' | 'days';

export interface PlansTable {
  id: string;
  name: string;
  description: string;
  /** Units per period. */
  price: number;
  period_kind: PlanPeriodKind;
  /** The period's length when `period_kind` is 'days'. */
  period_days: number | null;
  /** JSON: model ids and `*` globs covered (`["*"]`: every model). */
  models: string;
  /** JSON: window name → {unit, limit}. */
  allowances: string;
  requests_per_minute: number | null;
  overflow_to_balance: number;
  status: PlanStatus;
  created_at: number;
  updated_at: number;
}

export type SubscriptionStatus = 'active' | 'expired' | 'cancelled';
export type SubscriptionSource = 'purchase' | 'redemption' | 'admin' | 'order';

export interface SubscriptionsTable {
  id: string;
  user_id: string;
  plan_id: string;
  plan_name: string;
  status: SubscriptionStatus;
  /** JSON: the plan's model patterns when this period began. */
  models: string;
  overflow_to_balance: number;
  /** Units this period cost (0 for a grant); what a renewal charges is the plan's price then. */
  price: number;
  auto_renew: number;
  /** 1 for the first period, +1 at every renewal (the ledger reference's suffix). */
  period_number: number;
  period_start: number;
  period_end: number;
  source: SubscriptionSource;
  /** The order id, redemption code id or null (admin grants, purchases). Unique per source. */
  source_ref: string | null;
  created_at: number;
  updated_at: number;
}

export interface SubscriptionWindowsTable {
  subscription_id: string;
  /** 'five_hour' | 'day' | 'week' | 'period' | 'minute'. */
  window_name: string;
  /** 'money' (units) | 'tokens' (input + output) | 'requests'. */
  unit: string;
  limit_amount: number;
  used: number;
  reserved: number;
  /** When the window closes; <= now: closed (the next hold opens it afresh). */
  resets_at: number;
}

export interface PlanHoldsTable {
  /** The request id. */
  request_id: string;
  subscription_id: string;
  user_id: string;
  /** Units held against money windows. */
  money: number;
  /** Tokens held against token windows (0 when the subscription has none). */
  tokens: number;
  instance_id: string;
  created_at: number;
}

export interface SubscriptionEventsTable {
  id: string;
  subscription_id: string;
  /** 'granted' | 'renewed' | 'expired' | 'cancelled' | 'auto_renew_changed'. */
  kind: string;
  detail: string;
  created_at: number;
}

/** A provider account (GitHub, Google, OIDC, LinuxDO) linked to a user; one user per (provider, subject). */
export interface UserIdentitiesTable {
  id: string;
  provider: string;
  /** The provider's stable user id (OIDC `sub`, GitHub's numeric id). */
  subject: string;
  user_id: string;
  /** The verified email the provider gave when linked, if any. */
  email: string | null;
  display_name: string | null;
  created_at: number;
}

/** A sign-in under way: consumed (deleted) by its callback, once; expires after minutes. */
export interface OAuthFlowsTable {
  /** SHA-256 (hex) of the `state` sent to the provider (the browser's cookie holds the state). */
  state_hash: string;
  provider: string;
  code_verifier: string;
  nonce: string;
  /** Set when a signed-in user links a provider to their account. */
  link_user_id: string | null;
  redirect_uri: string;
  expires_at: number;
}

/** Who received the trial credit: `email:<normalized>` or `identity:<provider>:<subject>`. */
export interface TrialGrantsTable {
  grant_key: string;
  user_id: string;
  created_at: number;
}

/** An operator's notice, in both languages (migration 0023). */
export interface AnnouncementsTable {
  id: string;
  title_en: string;
  title_zh: string;
  /** Markdown. */
  body_en: string;
  body_zh: string;
  starts_at: number;
  /** Null: live until deleted. */
  ends_at: number | null;
  /** 0/1: pinned notices show as a banner in the console. */
  pinned: number;
  created_by: string;
  created_at: number;
  updated_at: number;
}

/** A user's invite code (migration 0023), made when first asked for. */
export interface InviteCodesTable {
  user_id: string;
  code: string;
  created_at: number;
}

/** Who invited whom (migration 0023); rewarded once, at the invitee's first credited payment. */
export interface InvitationsTable {
  invitee_id: string;
  inviter_id: string;
  created_at: number;
  rewarded_at: number | null;
  reward_amount: number | null;
}

/** A user's authenticator app (migration 0022). */
export interface MfaTotpTable {
  user_id: string;
  /** The base32 secret, SecretBox-encrypted. */
  secret_encrypted: string;
  /** Null while enrolment waits for its first code. */
  enabled_at: number | null;
  /** The last 30-second step a code was accepted for: codes of that step or earlier are refused. */
  last_used_step: number | null;
  created_at: number;
}

export interface MfaBackupCodesTable {
  user_id: string;
  /** SHA-256 (hex) of the normalised code. */
  code_hash: string;
  used_at: number | null;
  created_at: number;
}

/** 'mfa_login' | 'passkey_register' | 'passkey_login'. */
export type AuthChallengeKind = 'mfa_login' | 'passkey_register' | 'passkey_login';

export interface AuthChallengesTable {
  /** SHA-256 (hex) of the token or WebAuthn challenge the client holds. */
  id: string;
  kind: AuthChallengeKind;
  /** Null for a usernameless passkey sign-in. */
  user_id: string | null;
  /** Wrong codes given against this challenge. */
  attempts: number;
  expires_at: number;
  created_at: number;
}

export interface PasskeysTable {
  /** The credential id, base64url. */
  id: string;
  user_id: string;
  name: string;
  /** The COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of transports, as the browser reported them. */
  transports: string | null;
  created_at: number;
  last_used_at: number | null;
}
export type EmailTokenKind = 'verify' | 'reset';

/** Links sent by mail (email verification, password reset): single use, expiring, stored hashed. */
export interface EmailTokensTable {
  id: string;
  kind: EmailTokenKind;
  user_id: string;
  /** SHA-256 (hex) of the token; the token itself is only in the email. */
  token_hash: string;
  expires_at: number;
  used_at: number | null;
  created_at: number;
}

export interface PresetsTable {
  id: string;
  /** The owning user's id, or `*` for the operator's presets (every user may call them). */
  owner: string;
  name: string;
  description: string | null;
  /** The bundle as JSON (presets/preset-body.ts). */
  body: string;
  created_at: number;
  updated_at: number;
}
