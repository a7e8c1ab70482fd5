import type { ReasoningEffort } from '../../ir/index.js';
import type { CompatQuirks } from '../provider.js';

/**
 * How reasoning text from earlier assistant turns goes back to the vendor:
 * - `none`: dropped (most vendors ignore or reject it);
 * - `reasoning_content`: on every assistant message (Moonshot Kimi thinking, Zhipu GLM preserved thinking);
 * - `reasoning_content_tool_turns`: only on assistant messages that carry tool calls (DeepSeek: required
 *   there in thinking mode, while older reasoner models reject it elsewhere);
 * - `reasoning_details`: OpenRouter's array, which carries Anthropic signatures and encrypted blocks;
 * - `mistral_thinking`: Mistral's content array with a `thinking` chunk before the text.
 */
export type ReasoningEcho =
  | 'none'
  | 'reasoning_content'
  | 'reasoning_content_tool_turns'
  | 'reasoning_details'
  | 'mistral_thinking';

/**
 * Quirks this provider understands beyond the shared `CompatQuirks` contract. They live here, not in
 * provider.ts: a compat object may carry them directly, or they are found through the preset's name.
 */
export interface OpenAICompatQuirks extends CompatQuirks {
  reasoningEcho?: ReasoningEcho;
  /** Accepts `role: "developer"`; when false such messages are sent as `system`. */
  supportsDeveloperRole?: boolean;
  /** Accepts `messages[].name` (Groq and Mistral reject it). */
  supportsMessageNames?: boolean;
  /** Mistral accepts only tool-call ids of exactly nine letters and digits. */
  toolCallIdFormat?: 'any' | 'alphanumeric9';
  /** `reasoning_effort` values the vendor accepts, for folding (`xhigh` → `high`...). Undefined: all. */
  reasoningEfforts?: readonly ReasoningEffort[];
  /** With the `thinking-type` style, also send `reasoning_effort` when an effort was asked (DeepSeek). */
  thinkingTypeWithEffort?: boolean;
}

export interface CompatPreset {
  name: string;
  /** Environment variable holding the API key; null when the vendor needs none (Ollama). */
  envKey: string | null;
  envBaseUrl: string;
  /** Base URL as the OpenAI SDK means it: requests go to `{base}/chat/completions`. */
  defaultBaseUrl: string;
  quirks: OpenAICompatQuirks;
  /** Model ids this vendor serves by default, as globs (`*` matches any run of characters). */
  modelPrefixes: string[];
}

const LOW_MEDIUM_HIGH: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

export const COMPAT_PRESETS: readonly CompatPreset[] = [
  {
    name: 'openai',
    envKey: 'OPENAI_API_KEY',
    envBaseUrl: 'OPENAI_BASE_URL',
    defaultBaseUrl: 'https://api.openai.com/v1',
    quirks: {
      name: 'openai',
      useMaxTokens: false,
      supportsStreamOptions: true,
      reasoningStyle: 'openai',
      unsupportedParams: ['top_k'],
      supportsDeveloperRole: true,
      reasoningEcho: 'none',
    },
    modelPrefixes: ['gpt-*', 'chatgpt-*', 'o1*', 'o3*', 'o4*', 'codex-*'],
  },
  {
    name: 'deepseek',
    envKey: 'DEEPSEEK_API_KEY',
    envBaseUrl: 'DEEPSEEK_BASE_URL',
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    quirks: {
      name: 'deepseek',
      useMaxTokens: true,
      reasoningFields: ['reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'thinking-type',
      thinkingTypeWithEffort: true,
      reasoningEfforts: ['low', 'high'],
      reasoningEcho: 'reasoning_content_tool_turns',
    },
    modelPrefixes: ['deepseek-*'],
  },
  {
    name: 'dashscope',
    envKey: 'DASHSCOPE_API_KEY',
    envBaseUrl: 'DASHSCOPE_BASE_URL',
    defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    quirks: {
      name: 'dashscope',
      useMaxTokens: true,
      reasoningFields: ['reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'enable-thinking',
      reasoningEcho: 'none',
    },
    modelPrefixes: ['qwen*', 'qwq-*', 'qvq-*'],
  },
  {
    name: 'moonshot',
    envKey: 'MOONSHOT_API_KEY',
    envBaseUrl: 'MOONSHOT_BASE_URL',
    defaultBaseUrl: 'https://api.moonshot.cn/v1',
    quirks: {
      name: 'moonshot',
      useMaxTokens: true,
      reasoningFields: ['reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'thinking-type',
      reasoningEcho: 'reasoning_content',
    },
    modelPrefixes: ['moonshot-*', 'kimi-*'],
  },
  {
    name: 'zhipu',
    envKey: 'ZHIPU_API_KEY',
    envBaseUrl: 'ZHIPU_BASE_URL',
    defaultBaseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    quirks: {
      name: 'zhipu',
      useMaxTokens: true,
      reasoningFields: ['reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'thinking-type',
      reasoningEcho: 'reasoning_content',
    },
    modelPrefixes: ['glm-*'],
  },
  {
    name: 'ark',
    envKey: 'ARK_API_KEY',
    envBaseUrl: 'ARK_BASE_URL',
    defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
    quirks: {
      name: 'ark',
      useMaxTokens: true,
      reasoningFields: ['reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'thinking-type',
      reasoningEcho: 'none',
    },
    modelPrefixes: ['doubao-*'],
  },
  {
    name: 'xai',
    envKey: 'XAI_API_KEY',
    envBaseUrl: 'XAI_BASE_URL',
    defaultBaseUrl: 'https://api.x.ai/v1',
    quirks: {
      name: 'xai',
      useMaxTokens: true,
      reasoningFields: ['reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'openai',
      reasoningEfforts: ['none', 'low', 'medium', 'high'],
      reasoningEcho: 'none',
    },
    modelPrefixes: ['grok-*'],
  },
  {
    name: 'mistral',
    envKey: 'MISTRAL_API_KEY',
    envBaseUrl: 'MISTRAL_BASE_URL',
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    quirks: {
      name: 'mistral',
      useMaxTokens: true,
      seedField: 'random_seed',
      requiredToolChoice: 'any',
      // Mistral rejects unknown fields with 422 `extra_forbidden`, stream_options included.
      supportsStreamOptions: false,
      reasoningStyle: 'openai',
      reasoningEfforts: ['none', 'high'],
      unsupportedParams: [
        'logprobs',
        'top_logprobs',
        'logit_bias',
        'user',
        'metadata',
        'top_k',
        'store',
        'service_tier',
      ],
      supportsMessageNames: false,
      toolCallIdFormat: 'alphanumeric9',
      reasoningEcho: 'mistral_thinking',
    },
    modelPrefixes: [
      'mistral-*',
      'open-mistral-*',
      'magistral-*',
      'codestral-*',
      'devstral-*',
      'pixtral-*',
      'ministral-*',
    ],
  },
  {
    name: 'groq',
    envKey: 'GROQ_API_KEY',
    envBaseUrl: 'GROQ_BASE_URL',
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    quirks: {
      name: 'groq',
      useMaxTokens: true,
      reasoningFields: ['reasoning'],
      supportsStreamOptions: true,
      reasoningStyle: 'openai',
      reasoningEfforts: ['none', ...LOW_MEDIUM_HIGH],
      // Documented: these fields answer 400.
      unsupportedParams: ['logprobs', 'top_logprobs', 'logit_bias', 'top_k'],
      supportsMessageNames: false,
      reasoningEcho: 'none',
    },
    modelPrefixes: [],
  },
  {
    name: 'openrouter',
    envKey: 'OPENROUTER_API_KEY',
    envBaseUrl: 'OPENROUTER_BASE_URL',
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    quirks: {
      name: 'openrouter',
      useMaxTokens: true,
      reasoningFields: ['reasoning', 'reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'openrouter',
      reasoningEcho: 'reasoning_details',
    },
    modelPrefixes: [],
  },
  {
    name: 'ollama',
    envKey: null,
    envBaseUrl: 'OLLAMA_BASE_URL',
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    quirks: {
      name: 'ollama',
      useMaxTokens: true,
      reasoningFields: ['reasoning', 'reasoning_content'],
      supportsStreamOptions: true,
      reasoningStyle: 'openai',
      reasoningEfforts: LOW_MEDIUM_HIGH,
      reasoningEcho: 'none',
    },
    modelPrefixes: [],
  },
];

const PRESETS_BY_NAME: ReadonlyMap<string, CompatPreset> = new Map(
  COMPAT_PRESETS.map((preset) => [preset.name, preset]),
);

export function findCompatPreset(name: string): CompatPreset | undefined {
  return PRESETS_BY_NAME.get(name);
}

/** True when `modelId` matches one of the globs (`*` = any run of characters, case-insensitive). */
export function matchesModelGlob(modelId: string, globs: readonly string[]): boolean {
  const id = modelId.toLowerCase();
  return globs.some((glob) => globToRegExp(glob).test(id));
}

const globCache = new Map<string, RegExp>();

function globToRegExp(glob: string): RegExp {
  let regexp = globCache.get(glob);
  if (!regexp) {
    const pattern = glob
      .toLowerCase()
      .split('*')
      .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*');
    regexp = new RegExp(`^${pattern}$`);
    globCache.set(glob, regexp);
  }
  return regexp;
}
