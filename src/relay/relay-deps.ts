import type { Logger } from 'pino';
import type { Provider, ProviderId } from '../providers/provider.js';
import type { KeyRotation } from '../routing/key-rotation.js';
import type { ModelDirectory } from '../routing/model-directory.js';
import type { ModelRouter } from '../routing/model-router.js';
import type { MediaFetchOptions } from '../upstream/media-fetcher.js';
import type { RelayAuth, RelayBilling, RelayLog } from './relay-ports.js';

/** Everything the relay needs, built once at start-up (DESIGN.md §5: nothing per request). */
export interface RelayDeps {
  router: ModelRouter;
  keys: KeyRotation;
  providers: Record<ProviderId, Provider>;
  directory: ModelDirectory;
  media: MediaFetchOptions;
  /** At most this many upstream attempts per request (across channels and keys). */
  maxAttempts: number;
  generateId: (prefix: string) => string;
  now: () => number;
  logger: Logger;
  auth: RelayAuth;
  billing: RelayBilling;
  log: RelayLog;
}
