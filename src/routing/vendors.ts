import { COMPAT_PRESETS } from '../providers/openai/presets.js';
import type { CompatQuirks, ProviderId } from '../providers/provider.js';

/** A vendor AIHub knows how to reach: its wire format, conventional env variables and defaults. */
export interface VendorPreset {
  name: string;
  provider: ProviderId;
  /** Env variable holding the API key(s); undefined for key-less vendors (Ollama). */
  envKey?: string;
  envBaseUrl: string;
  defaultBaseUrl: string;
  quirks?: CompatQuirks;
  /** Model id globs this vendor serves when the operator lists none. */
  modelPrefixes: string[];
}

const NATIVE_VENDORS: VendorPreset[] = [
  {
    name: 'anthropic',
    provider: 'anthropic',
    envKey: 'ANTHROPIC_API_KEY',
    envBaseUrl: 'ANTHROPIC_BASE_URL',
    defaultBaseUrl: 'https://api.anthropic.com',
    modelPrefixes: ['claude-*'],
  },
  {
    name: 'gemini',
    provider: 'gemini',
    envKey: 'GEMINI_API_KEY',
    envBaseUrl: 'GEMINI_BASE_URL',
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    modelPrefixes: ['gemini-*', 'gemma-*', 'learnlm-*'],
  },
];

export const VENDORS: VendorPreset[] = [
  ...NATIVE_VENDORS,
  ...COMPAT_PRESETS.map(
    (preset): VendorPreset => ({
      name: preset.name,
      provider: 'openai',
      envKey: preset.envKey ?? undefined,
      envBaseUrl: preset.envBaseUrl,
      defaultBaseUrl: preset.defaultBaseUrl,
      quirks: preset.quirks,
      modelPrefixes: preset.modelPrefixes,
    }),
  ),
];

const byName = new Map(VENDORS.map((vendor) => [vendor.name, vendor]));

export function findVendor(name: string): VendorPreset | undefined {
  return byName.get(name);
}

export function vendorModelPrefixes(name: string): string[] {
  return byName.get(name)?.modelPrefixes ?? [];
}
