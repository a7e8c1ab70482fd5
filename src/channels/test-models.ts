import type { Channel } from '../routing/channel.js';
import { isGlob } from '../routing/glob.js';
import type { ModelDirectory } from '../routing/model-directory.js';

/**
 * A cheap, fast chat model per vendor for the admin's "test channel" call, so a test costs a
 * fraction of a cent. Ollama has none: what is installed locally varies.
 */
export const VENDOR_TEST_MODELS: Readonly<Record<string, string>> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-haiku-4-5',
  gemini: 'gemini-2.5-flash-lite',
  deepseek: 'deepseek-chat',
  dashscope: 'qwen-flash',
  moonshot: 'moonshot-v1-8k',
  zhipu: 'glm-4.5-flash',
  ark: 'doubao-seed-2-0-mini-260215',
  xai: 'grok-3-mini',
  mistral: 'mistral-small-latest',
  groq: 'llama-3.1-8b-instant',
  openrouter: 'openai/gpt-4o-mini',
};

/**
 * The model a test uses when the admin names none: what the channel itself declares first (its
 * first exact model id, then its first mapped name), else the vendor's cheap default, else the
 * catalog's first model for the vendor. Undefined when nothing fits.
 */
export function defaultTestModel(channel: Channel, directory?: ModelDirectory): string | undefined {
  const declared = channel.models?.find((model) => !isGlob(model)) ?? Object.keys(channel.modelMapping)[0];
  return declared ?? VENDOR_TEST_MODELS[channel.vendor] ?? directory?.chatModelIds(channel.vendor)[0];
}
