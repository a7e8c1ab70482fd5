/**
 * Shapes of the admin channel API, from the server's OpenAPI document (see api/schema.ts). A
 * channel never carries a plaintext key or header value: keys appear as hints, headers by name only.
 */
import type { ApiRequest, ApiResponse } from '../../../api/schema';

export type Channel = ApiResponse<'/api/admin/channels/{id}', 'patch'>;
export type ChannelKey = Channel['keys'][number];
export type ChannelStatus = Channel['status'];
export type ChannelSource = Channel['source'];
export type ChannelTimeouts = Channel['timeouts'];

/** Settings as sent to PATCH /api/admin/channels/:id. */
export type ChannelSettingsBody = ApiRequest<'/api/admin/channels/{id}', 'patch'>;
/** POST /api/admin/channels. */
export type CreateChannelBody = ApiRequest<'/api/admin/channels', 'post'>;

export type ChannelTestResult = ApiResponse<'/api/admin/channels/{id}/test', 'post'>;

/** GET /api/admin/routing/health: what this process has learned about the upstreams. */
export type RoutingHealth = ApiResponse<'/api/admin/routing/health', 'get'>;

/** GET /api/admin/routing/speed: moving averages per (channel, upstream model), as this process measured them. */
export type RouteSpeedRow = ApiResponse<'/api/admin/routing/speed', 'get'>['data'][number];

/** GET /api/admin/channels/:id/upstream-models: the upstream's own list, or its error. */
export type UpstreamModels = ApiResponse<'/api/admin/channels/{id}/upstream-models', 'get'>;
/** GET /api/admin/channels/:id/balance. */
export type UpstreamBalance = ApiResponse<'/api/admin/channels/{id}/balance', 'get'>;
/** POST /api/admin/channels/bulk-status. */
export type BulkStatusBody = ApiRequest<'/api/admin/channels/bulk-status', 'post'>;
