/**
 * Shapes of the payment routes, from the server's OpenAPI document (see api/schema.ts). Credit is
 * integer units (1e-6 USD); `payAmount` is the provider's minor unit of `currency` (cents, fen).
 */
import type { ApiRequest, ApiResponse } from '../../../api/schema';

export type PaymentOptions = ApiResponse<'/api/payments/options', 'get'>;
export type PaymentMethod = PaymentOptions['methods'][number]['method'];
export type PayCurrency = PaymentOptions['methods'][number]['currency'];
export type BonusTier = PaymentOptions['bonusTiers'][number];
export type TopUpQuote = ApiResponse<'/api/payments/quote', 'get'>;
export type PaymentOrder = ApiResponse<'/api/payments/orders/{id}', 'get'>;
export type OrderStatus = PaymentOrder['status'];
export type OrdersPage = ApiResponse<'/api/payments/orders', 'get'>;
export type CreateOrderRequest = ApiRequest<'/api/payments/orders', 'post'>;
