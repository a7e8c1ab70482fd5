/**
 * Shapes of the REST API's responses the whole console shares, from the types generated from the
 * server's OpenAPI document (see api/schema.ts). Money fields are integer units of 1e-6 USD; times
 * are milliseconds since the epoch. Area-specific types live beside their feature.
 */
import type { ApiResponse } from '../api/schema';

export type User = ApiResponse<'/api/admin/users/{id}', 'get'>;
export type UserRole = User['role'];
export type MeResponse = ApiResponse<'/api/auth/me', 'get'>;
/** A started session (after a password alone, a second factor, or a passkey). */
export type SessionResponse = ApiResponse<'/api/auth/mfa/verify', 'post'>;
/** A session, or (2FA on) the challenge for the second step. */
export type LoginResponse = ApiResponse<'/api/auth/login', 'post'>;
export type RegisterResponse = ApiResponse<'/api/auth/register', 'post'>;
export type PublicSettings = ApiResponse<'/api/settings/public', 'get'>;

/** `GET /api/models`: the catalog (every kind, or one with `?kind=`) with official and sale prices for a pricing group. */
export type ModelCatalog = ApiResponse<'/api/models', 'get'>;
export type CatalogModel = ModelCatalog['data'][number];
/** Per 1M tokens in units (1e-6 USD), with price tiers by prompt size. */
export type ModelPrices = NonNullable<CatalogModel['official']>;

/** `GET /api/ledger` entries (a user's own, or an admin's view of anyone's). */
export type LedgerPage = ApiResponse<'/api/ledger', 'get'>;
export type LedgerEntry = LedgerPage['data'][number];
export type LedgerKind = LedgerEntry['kind'];

/** Usage sums (`GET /api/usage/summary`, `/api/usage/daily`, `/api/admin/dashboard`). */
export type UsageSummary = ApiResponse<'/api/usage/summary', 'get'>;
export type UsageTotals = UsageSummary['totals'];
export type ModelUsage = UsageSummary['models'][number];
export type DailyUsage = ApiResponse<'/api/usage/daily', 'get'>;

/** `POST /api/playground/credential`: this session's short-lived key for `/v1` calls. */
export type PlaygroundCredential = ApiResponse<'/api/playground/credential', 'post'>;
