import type { CompatQuirks, ProviderId } from '../providers/provider.js';
import type { UpstreamTimeouts } from '../upstream/http-client.js';

/** An upstream account: where to call, with which keys, for which models. */
export interface Channel {
  id: string;
  name: string;
  /** Wire format spoken to the upstream. */
  provider: ProviderId;
  /** Vendor preset (`openai`, `deepseek`, `anthropic`, `gemini`, ..., or `custom`). */
  vendor: string;
  baseUrl: string;
  /** Key pool; rotated round-robin. An empty string means "no key" (Ollama). */
  keys: string[];
  /**
   * Model ids this channel serves: exact ids or `*` globs. Undefined means the vendor's default:
   * the catalog's models for the vendor plus its id prefixes.
   */
  models?: string[];
  /** Client model name → upstream model name (`gpt-4o` → `gpt-4o-2024-08-06`). */
  modelMapping: Record<string, string>;
  compat?: CompatQuirks;
  headers?: Record<string, string>;
  /** Higher is tried first. */
  priority: number;
  timeouts: UpstreamTimeouts;
}
