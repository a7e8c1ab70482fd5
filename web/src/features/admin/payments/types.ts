/** The payment admin API's shapes, from the generated OpenAPI types (one place, so helpers need not import the API hooks). */
import type { ApiRequest, ApiResponse } from '../../../api/schema';

export type OrdersPage = ApiResponse<'/api/admin/payments/orders', 'get'>;
export type PaymentOrder = OrdersPage['data'][number];
export type OrderStatus = PaymentOrder['status'];
export type PaymentMethod = PaymentOrder['method'];
export type OrderDetail = ApiResponse<'/api/admin/payments/orders/{id}', 'get'>;
export type PaymentEvent = OrderDetail['events'][number];
export type ProviderLookup = ApiResponse<'/api/admin/payments/orders/{id}/lookup', 'post'>;
export type MarkBody = ApiRequest<'/api/admin/payments/orders/{id}/mark', 'post'>;
export type MarkTarget = MarkBody['status'];
export type ProviderView = ApiResponse<'/api/admin/payments/providers', 'get'>['data'][number];
export type ProviderField = ProviderView['fields'][number];
export type ProviderUpdate = ApiRequest<'/api/admin/payments/providers/{method}', 'put'>;
