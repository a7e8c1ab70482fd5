import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import pino, { type Logger } from 'pino';
import { resolveAdminKey } from './config/admin-key.js';
import { type ConfigFile, loadConfigFile } from './config/config-file.js';
import { loadSettings, type Settings } from './config/settings.js';
import { KeyVerifier } from './http/auth.js';
import { buildServer } from './http/server.js';
import { anthropicProvider } from './providers/anthropic/index.js';
import { geminiProvider } from './providers/gemini/index.js';
import { openaiProvider } from './providers/openai/index.js';
import type { RelayDeps } from './relay/relay-deps.js';
import { catalogDirectory } from './routing/catalog-directory.js';
import { channelsFromConfig } from './routing/channels-from-config.js';
import { channelsFromEnv } from './routing/channels-from-env.js';
import { KeyRotation } from './routing/key-rotation.js';
import { ModelRouter } from './routing/model-router.js';
import { vendorModelPrefixes } from './routing/vendors.js';
import { DEFAULT_MEDIA_FETCH } from './upstream/media-fetcher.js';

export interface AppOptions {
  env: NodeJS.ProcessEnv;
  configPath?: string;
  logger?: Logger;
}

export interface App {
  server: FastifyInstance;
  settings: Settings;
  deps: RelayDeps;
  /** The admin key generated on this start (first start without AIHUB_ADMIN_KEY), to print once. */
  generatedAdminKey?: string;
}

/** Ids: random and URL-safe, so they can appear in logs and headers. */
function generateId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('base64url')}`;
}

/** Wires the whole gateway from the environment and optional config file. Nothing listens yet. */
export function createApp(options: AppOptions): App {
  const { env } = options;
  const configPath = options.configPath ?? env.AIHUB_CONFIG;
  const file: ConfigFile | undefined = configPath ? loadConfigFile(configPath, env) : undefined;
  const settings = loadSettings(env, file);
  const logger = options.logger ?? pino({ level: settings.logLevel });
  const channels = [...channelsFromConfig(file?.channels ?? []), ...channelsFromEnv(env)];
  const directory = catalogDirectory();
  const deps: RelayDeps = {
    router: new ModelRouter(channels, vendorModelPrefixes, directory),
    keys: new KeyRotation(),
    providers: { openai: openaiProvider, anthropic: anthropicProvider, gemini: geminiProvider },
    directory,
    media: { ...DEFAULT_MEDIA_FETCH, allowPrivateAddresses: settings.mediaAllowPrivateAddresses },
    maxAttempts: settings.maxAttempts,
    generateId,
    now: Date.now,
    logger,
  };
  const adminKey = resolveAdminKey(settings.adminKey, settings.dataDir);
  const server = buildServer(deps, new KeyVerifier([adminKey.hash]), { bodyLimitBytes: settings.bodyLimitBytes });
  if (channels.length === 0) {
    logger.warn('No upstream is configured: set OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, ... or --config');
  }
  return adminKey.generated
    ? { server, settings, deps, generatedAdminKey: adminKey.generated }
    : { server, settings, deps };
}
