/** Subscription plans with usage windows (issue 14): what the rest of AIHub and the payment orders use. */
export { PlanCatalog, type PlanPatch } from './plan-catalog.js';
export { PlanMeter } from './plan-meter.js';
export type { Subscription } from './plan-rows.js';
export { PlanService, type PlanServiceOptions } from './plan-service.js';
export type { Allowance, AllowanceWindow, Plan, PlanInput, PlanPeriod, WindowName, WindowUnit } from './plan-types.js';
export { grantPlanFromOrder, type OrderGrant, type OrderGrantResult } from './subscription-grant.js';
export type { SubscriptionView, WindowView } from './subscription-views.js';
