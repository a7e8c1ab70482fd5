/** Shapes of the plan and subscription routes, from the server's OpenAPI document (see api/schema.ts). */
import type { ApiResponse } from '../../api/schema';

export type Plan = ApiResponse<'/api/plans', 'get'>['plans'][number];
export type PlanPeriod = Plan['period'];
export type AllowanceWindow = keyof Plan['allowances'];
export type Subscription = ApiResponse<'/api/subscriptions', 'get'>['subscriptions'][number];
export type SubscriptionWindow = Subscription['windows'][number];
export type WindowName = SubscriptionWindow['name'];
export type WindowUnit = SubscriptionWindow['unit'];
export type SubscriptionEvent = Subscription['history'][number];
