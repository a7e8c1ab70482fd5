/**
 * Shapes of the admin channel API (src/channels/channel-api-schemas.ts). A channel never carries
 * a plaintext key or header value: keys appear as hints, headers by name only.
 */

export type ChannelStatus = 'enabled' | 'disabled' | 'auto_disabled';
export type ChannelSource = 'env' | 'config' | 'admin';

export interface ChannelTimeouts {
  connectMs?: number;
  /** Wait for the response headers (≈ time to first token). */
  firstByteMs?: number;
  /** Longest silence between two chunks. */
  idleMs?: number;
  /** Longest whole request; null = no limit. */
  totalMs?: number | null;
}

export interface ChannelKey {
  id: string;
  /** `sk-…wxyz` */
  hint: string;
  status: ChannelStatus;
  statusReason: string | null;
  statusChangedAt: number | null;
  createdAt: number | null;
}

export interface Channel {
  id: string;
  name: string;
  type: string;
  source: ChannelSource;
  /** Env/config channels: only enable/disable, in memory. */
  readOnly: boolean;
  /** The effective base URL (the vendor's default when none was set). */
  baseUrl: string;
  /** Ids or globs; null = the vendor's default list. */
  models: string[] | null;
  modelMapping: Record<string, string>;
  priority: number;
  weight: number;
  /** null = every group. */
  groups: string[] | null;
  headerNames: string[];
  /** Password masked. */
  proxyUrl: string | null;
  timeouts: ChannelTimeouts;
  status: ChannelStatus;
  statusReason: string | null;
  statusChangedAt: number | null;
  keys: ChannelKey[];
  warnings: string[];
  createdAt: number | null;
  updatedAt: number | null;
}

/** Settings as sent to POST /api/admin/channels and PATCH /api/admin/channels/:id. */
export interface ChannelSettingsBody {
  name?: string;
  type?: string;
  baseUrl?: string | null;
  models?: string[] | null;
  modelMapping?: Record<string, string> | null;
  priority?: number;
  weight?: number;
  groups?: string[] | null;
  headers?: Record<string, string> | null;
  proxyUrl?: string | null;
  timeouts?: ChannelTimeouts | null;
}

export interface CreateChannelBody extends ChannelSettingsBody {
  name: string;
  type: string;
  keys: string[];
}

export interface ChannelTestResult {
  ok: boolean;
  channelId: string;
  keyId: string | null;
  model: string;
  upstreamModel: string;
  latencyMs: number;
  /** The upstream's HTTP status, when it answered. */
  status?: number;
  answer?: string;
  error?: { kind: string; code: string | null; message: string };
}

/** GET /api/admin/routing/health: what this process has learned about the upstreams. */
export interface RoutingHealth {
  cooldowns: { channelId: string; keyId: string; until: number }[];
  openBreakers: {
    channelId: string;
    keyId: string;
    model: string;
    state: 'open' | 'half-open';
    availableAt: number;
  }[];
}
