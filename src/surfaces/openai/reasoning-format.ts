import type { ProviderId } from '../../providers/provider.js';

/** The `reasoning_details[].format` label: whose signature this is (OpenRouter's vocabulary). */
export function reasoningFormat(provider: ProviderId): string | undefined {
  switch (provider) {
    case 'anthropic':
      return 'anthropic-claude-v1';
    case 'gemini':
      return 'google-gemini-v1';
    case 'openai':
    case 'midjourney-proxy':
      return undefined;
    default: {
      const exhaustive: never = provider;
      return exhaustive;
    }
  }
}
