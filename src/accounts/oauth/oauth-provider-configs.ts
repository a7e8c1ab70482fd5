/**
 * The sign-in providers in force: each one's settings from the environment and from the console
 * (the console's value wins, field by field, as for payment providers), and its client built from
 * them. Console values live in the `settings` table, one row per provider (`oauth.provider.<id>`),
 * the client secret encrypted with the SecretBox and never read back out, only whether it is set
 * and where from.
 */
import type { SecretBox } from '../../channels/secret-box.js';
import { GatewayError } from '../../ir/index.js';
import { SecretFieldRows, type StoredFields } from '../../platform/secret-field-rows.js';
import type { Store } from '../../store/database.js';
import { GITHUB_DEFAULT_BASE_URL, githubClient } from './github-client.js';
import { LINUXDO_DEFAULT_BASE_URL, linuxdoClient } from './linuxdo-client.js';
import type { Fetch } from './oauth-http.js';
import { OAUTH_PROVIDER_IDS, type OAuthClient, type OAuthClientConfig, type OAuthProviderId } from './oauth-types.js';
import { GOOGLE_ISSUER, oidcClient } from './oidc-client.js';

export const OAUTH_FIELD_NAMES = ['enabled', 'clientId', 'clientSecret', 'baseUrl', 'displayName'] as const;
export type OAuthFieldName = (typeof OAUTH_FIELD_NAMES)[number];

interface ProviderDefinition {
  id: OAuthProviderId;
  defaultName: string;
  /** Null: the operator must set it (a generic OIDC issuer). */
  defaultBaseUrl: string | null;
  env: Partial<Record<OAuthFieldName, string>>;
  create: (config: OAuthClientConfig, fetchImpl: Fetch) => OAuthClient;
}

const DEFINITIONS: ReadonlyArray<ProviderDefinition> = [
  {
    id: 'github',
    defaultName: 'GitHub',
    defaultBaseUrl: GITHUB_DEFAULT_BASE_URL,
    env: { clientId: 'GITHUB_CLIENT_ID', clientSecret: 'GITHUB_CLIENT_SECRET', baseUrl: 'GITHUB_BASE_URL' },
    create: githubClient,
  },
  {
    id: 'google',
    defaultName: 'Google',
    defaultBaseUrl: GOOGLE_ISSUER,
    env: { clientId: 'GOOGLE_CLIENT_ID', clientSecret: 'GOOGLE_CLIENT_SECRET', baseUrl: 'GOOGLE_ISSUER' },
    create: oidcClient,
  },
  {
    id: 'oidc',
    defaultName: 'OpenID Connect',
    defaultBaseUrl: null,
    env: {
      clientId: 'OIDC_CLIENT_ID',
      clientSecret: 'OIDC_CLIENT_SECRET',
      baseUrl: 'OIDC_ISSUER',
      displayName: 'OIDC_DISPLAY_NAME',
    },
    create: oidcClient,
  },
  {
    id: 'linuxdo',
    defaultName: 'LinuxDO',
    defaultBaseUrl: LINUXDO_DEFAULT_BASE_URL,
    env: { clientId: 'LINUXDO_CLIENT_ID', clientSecret: 'LINUXDO_CLIENT_SECRET', baseUrl: 'LINUXDO_BASE_URL' },
    create: linuxdoClient,
  },
];

const ROW_PREFIX = 'oauth.provider.';

export interface OAuthFieldView {
  name: OAuthFieldName;
  secret: boolean;
  envName: string | null;
  source: 'console' | 'env' | null;
  /** The value, for fields that are not secret; null for the secret and unset fields. */
  value: string | null;
}

export interface OAuthProviderView {
  provider: OAuthProviderId;
  /** The name on the sign-in button. */
  displayName: string;
  /** Shown on the sign-in pages: enabled and with everything it needs. */
  enabled: boolean;
  /** Has client id, secret and base URL. */
  configured: boolean;
  /** The base URL (issuer) in force, its default when unset. */
  baseUrl: string | null;
  fields: OAuthFieldView[];
}

export interface OAuthProviderConfigsOptions {
  env: NodeJS.ProcessEnv;
  box: SecretBox;
  now: () => number;
  fetch?: Fetch;
  onSecretError?: (error: unknown, where: { provider: string; field: string }) => void;
}

interface ProviderState {
  view: OAuthProviderView;
  client?: OAuthClient;
}

export class OAuthProviderConfigs {
  private states = new Map<OAuthProviderId, ProviderState>();
  private readonly listeners = new Set<() => void>();
  private readonly rows: SecretFieldRows;

  constructor(
    store: Store,
    private readonly options: OAuthProviderConfigsOptions,
  ) {
    this.rows = new SecretFieldRows({
      store,
      box: options.box,
      rowPrefix: ROW_PREFIX,
      onSecretError: (error, provider, field) => options.onSecretError?.(error, { provider, field }),
    });
    this.states = this.build(new Map());
  }

  /** The client of an enabled, configured provider; undefined otherwise. */
  client(provider: string): OAuthClient | undefined {
    return this.states.get(provider as OAuthProviderId)?.client;
  }

  views(): OAuthProviderView[] {
    return OAUTH_PROVIDER_IDS.map((id) => this.view(id));
  }

  view(provider: string): OAuthProviderView {
    const state = this.states.get(provider as OAuthProviderId);
    if (!state) throw unknownProvider(provider);
    return state.view;
  }

  async load(): Promise<void> {
    this.states = this.build(await this.rows.readAll());
  }

  /** A string sets a field, null or empty text clears it (the environment's value applies again). */
  async update(provider: string, changes: Partial<Record<OAuthFieldName, string | null>>): Promise<OAuthProviderView> {
    if (!this.states.has(provider as OAuthProviderId)) throw unknownProvider(provider);
    const baseUrl = changes.baseUrl;
    if (baseUrl && !isHttpUrl(baseUrl)) {
      throw new GatewayError({
        kind: 'invalid_request',
        code: 'invalid_field',
        param: 'baseUrl',
        message: 'Must be an http:// or https:// URL.',
      });
    }
    // Null clears a field and undefined leaves it: only text is trimmed.
    const trimmed = Object.fromEntries(
      Object.entries(changes).map(([name, value]) => [name, typeof value === 'string' ? value.trim() : value]),
    );
    await this.rows.write(provider, trimmed, (name) => name === 'clientSecret', this.options.now());
    await this.load();
    for (const listener of this.listeners) listener();
    return this.view(provider);
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private build(stored: Map<string, StoredFields>): Map<OAuthProviderId, ProviderState> {
    const states = new Map<OAuthProviderId, ProviderState>();
    for (const definition of DEFINITIONS) {
      const fromConsole = this.rows.decrypt(definition.id, stored.get(definition.id) ?? {});
      const values = new Map<OAuthFieldName, { value: string; source: 'console' | 'env' }>();
      for (const name of OAUTH_FIELD_NAMES) {
        const envName = definition.env[name];
        const fromEnv = envName ? this.options.env[envName]?.trim() : undefined;
        if (fromConsole[name]) values.set(name, { value: fromConsole[name], source: 'console' });
        else if (fromEnv) values.set(name, { value: fromEnv, source: 'env' });
      }
      const clientId = values.get('clientId')?.value;
      const clientSecret = values.get('clientSecret')?.value;
      const baseUrl = values.get('baseUrl')?.value ?? definition.defaultBaseUrl;
      const configured = Boolean(clientId && clientSecret && baseUrl && isHttpUrl(baseUrl));
      // Unset: on once configured (setting the environment's variables is enough to turn it on).
      const enabledValue = values.get('enabled')?.value;
      const enabled = configured && enabledValue !== 'false';
      const fields = OAUTH_FIELD_NAMES.filter((name) => name !== 'enabled').map(
        (name): OAuthFieldView => ({
          name,
          secret: name === 'clientSecret',
          envName: definition.env[name] ?? null,
          source: values.get(name)?.source ?? null,
          value: name === 'clientSecret' ? null : (values.get(name)?.value ?? null),
        }),
      );
      states.set(definition.id, {
        view: {
          provider: definition.id,
          displayName: values.get('displayName')?.value ?? definition.defaultName,
          enabled,
          configured,
          baseUrl: baseUrl ?? null,
          fields,
        },
        client:
          enabled && clientId && clientSecret && baseUrl
            ? definition.create({ clientId, clientSecret, baseUrl }, this.options.fetch ?? fetch)
            : undefined,
      });
    }
    return states;
  }
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const protocol = new URL(value).protocol;
  return protocol === 'http:' || protocol === 'https:';
}

function unknownProvider(provider: string): GatewayError {
  return new GatewayError({
    kind: 'not_found',
    code: 'oauth_provider_not_found',
    message: `No sign-in provider ${provider}.`,
  });
}
