import type { SecretBox } from '../../channels/secret-box.js';
import type { SettingsService } from '../../platform/settings.js';
import type { Store } from '../../store/database.js';
import { IdentityService } from './identity-service.js';
import { OAuthFlowStore } from './oauth-flow-store.js';
import type { Fetch } from './oauth-http.js';
import { OAuthProviderConfigs } from './oauth-provider-configs.js';

export interface OAuthServices {
  providers: OAuthProviderConfigs;
  flows: OAuthFlowStore;
  identities: IdentityService;
}

/** Sign-in with providers, wired: their settings (loaded), pending flows, linked identities. */
export async function createOAuthServices(options: {
  store: Store;
  settings: SettingsService;
  env: NodeJS.ProcessEnv;
  box: SecretBox;
  now: () => number;
  newId: (prefix: string) => string;
  fetch?: Fetch;
  onSecretError?: (error: unknown, where: { provider: string; field: string }) => void;
}): Promise<OAuthServices> {
  const { store, now } = options;
  const providers = new OAuthProviderConfigs(store, {
    env: options.env,
    box: options.box,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onSecretError ? { onSecretError: options.onSecretError } : {}),
  });
  await providers.load();
  return {
    providers,
    flows: new OAuthFlowStore(store, now),
    identities: new IdentityService(store, options.settings, { now, newId: options.newId }),
  };
}
