/**
 * Shapes of the log and usage API, from the server's OpenAPI document (see api/schema.ts). Money
 * is integer units of 1e-6 USD; times are epoch milliseconds.
 */
import type { ApiResponse } from '../../api/schema';
import type { DailyUsage, User } from '../../lib/types';
import type { ApiKey } from '../keys/types';

export type { DailyUsage, ModelUsage, UsageSummary, UsageTotals } from '../../lib/types';

export type DailyUsageRow = DailyUsage['data'][number];

export type LogPage = ApiResponse<'/api/logs', 'get'>;
export type RequestLog = ApiResponse<'/api/logs/{id}', 'get'>;
/** One upstream attempt of a request (failover tries the next channel). */
export type AttemptDetail = NonNullable<RequestLog['attemptsDetail']>[number];

/** The parts of an API key the logs need (GET /api/keys). */
export type KeySummary = Pick<ApiKey, 'id' | 'userId' | 'name' | 'hint' | 'status'>;

/** The parts of a user the admin filters need (GET /api/admin/users). */
export type UserSummary = Pick<User, 'id' | 'email' | 'displayName'>;
