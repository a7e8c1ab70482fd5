/**
 * The channel types the server knows (src/routing/vendors.ts and the OpenAI-compatible presets in
 * src/providers/openai/presets.ts), with what the form pre-fills: the default base URL, the model
 * globs served when none are listed, and a cheap model for tests (src/channels/test-models.ts).
 */
export interface VendorInfo {
  /** The `type` sent to the API. */
  type: string;
  /** Shown in the badge tile. */
  monogram: string;
  /** Hue (OKLCH) of the badge tile. */
  hue: number;
  /** Null for `custom` (required). */
  defaultBaseUrl: string | null;
  /** Globs served when the channel lists no models. */
  modelPrefixes: string[];
  /** Suggested exact model ids (one click adds them). */
  suggestedModels: string[];
  /** Env variable that declares such a channel at start (read-only in the console). */
  envKey: string | null;
  /** Key-less endpoints (Ollama, custom) may have no key. */
  keyOptional?: boolean;
}

export const VENDORS: VendorInfo[] = [
  {
    type: 'openai',
    monogram: 'O',
    hue: 160,
    defaultBaseUrl: 'https://api.openai.com/v1',
    modelPrefixes: ['gpt-*', 'chatgpt-*', 'o1*', 'o3*', 'o4*', 'codex-*'],
    suggestedModels: ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'o4-mini'],
    envKey: 'OPENAI_API_KEY',
  },
  {
    type: 'anthropic',
    monogram: 'A',
    hue: 45,
    defaultBaseUrl: 'https://api.anthropic.com',
    modelPrefixes: ['claude-*'],
    suggestedModels: ['claude-haiku-4-5', 'claude-sonnet-4-5', 'claude-opus-4-1'],
    envKey: 'ANTHROPIC_API_KEY',
  },
  {
    type: 'gemini',
    monogram: 'G',
    hue: 250,
    defaultBaseUrl: 'https://generativelanguage.googleapis.com',
    modelPrefixes: ['gemini-*', 'gemma-*', 'learnlm-*'],
    suggestedModels: ['gemini-2.5-flash-lite', 'gemini-2.5-flash', 'gemini-2.5-pro'],
    envKey: 'GEMINI_API_KEY',
  },
  {
    type: 'deepseek',
    monogram: 'DS',
    hue: 265,
    defaultBaseUrl: 'https://api.deepseek.com/v1',
    modelPrefixes: ['deepseek-*'],
    suggestedModels: ['deepseek-chat', 'deepseek-reasoner'],
    envKey: 'DEEPSEEK_API_KEY',
  },
  {
    type: 'dashscope',
    monogram: 'Qw',
    hue: 290,
    defaultBaseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    modelPrefixes: ['qwen*', 'qwq-*', 'qvq-*'],
    suggestedModels: ['qwen-flash', 'qwen-plus', 'qwen-max'],
    envKey: 'DASHSCOPE_API_KEY',
  },
  {
    type: 'moonshot',
    monogram: 'K',
    hue: 220,
    defaultBaseUrl: 'https://api.moonshot.cn/v1',
    modelPrefixes: ['moonshot-*', 'kimi-*'],
    suggestedModels: ['moonshot-v1-8k', 'kimi-k2-0905-preview'],
    envKey: 'MOONSHOT_API_KEY',
  },
  {
    type: 'zhipu',
    monogram: 'Z',
    hue: 200,
    defaultBaseUrl: 'https://open.bigmodel.cn/api/paas/v4',
    modelPrefixes: ['glm-*'],
    suggestedModels: ['glm-4.5-flash', 'glm-4.5'],
    envKey: 'ZHIPU_API_KEY',
  },
  {
    type: 'ark',
    monogram: 'Db',
    hue: 230,
    defaultBaseUrl: 'https://ark.cn-beijing.volces.com/api/v3',
    modelPrefixes: ['doubao-*'],
    suggestedModels: ['doubao-seed-2-0-mini-260215'],
    envKey: 'ARK_API_KEY',
  },
  {
    type: 'xai',
    monogram: 'x',
    hue: 0,
    defaultBaseUrl: 'https://api.x.ai/v1',
    modelPrefixes: ['grok-*'],
    suggestedModels: ['grok-3-mini', 'grok-4'],
    envKey: 'XAI_API_KEY',
  },
  {
    type: 'mistral',
    monogram: 'M',
    hue: 55,
    defaultBaseUrl: 'https://api.mistral.ai/v1',
    modelPrefixes: [
      'mistral-*',
      'open-mistral-*',
      'magistral-*',
      'codestral-*',
      'devstral-*',
      'pixtral-*',
      'ministral-*',
    ],
    suggestedModels: ['mistral-small-latest', 'mistral-large-latest'],
    envKey: 'MISTRAL_API_KEY',
  },
  {
    type: 'groq',
    monogram: 'Gq',
    hue: 25,
    defaultBaseUrl: 'https://api.groq.com/openai/v1',
    modelPrefixes: [],
    suggestedModels: ['llama-3.1-8b-instant', 'llama-3.3-70b-versatile'],
    envKey: 'GROQ_API_KEY',
  },
  {
    type: 'openrouter',
    monogram: 'OR',
    hue: 275,
    defaultBaseUrl: 'https://openrouter.ai/api/v1',
    modelPrefixes: [],
    suggestedModels: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4.5'],
    envKey: 'OPENROUTER_API_KEY',
  },
  {
    type: 'ollama',
    monogram: 'Ol',
    hue: 100,
    defaultBaseUrl: 'http://127.0.0.1:11434/v1',
    modelPrefixes: [],
    suggestedModels: ['llama3.2', 'qwen2.5'],
    envKey: null,
    keyOptional: true,
  },
  {
    type: 'custom',
    monogram: '',
    hue: 264,
    defaultBaseUrl: null,
    modelPrefixes: [],
    suggestedModels: [],
    envKey: null,
    keyOptional: true,
  },
];

const byType = new Map(VENDORS.map((vendor) => [vendor.type, vendor]));

/** The vendor of a channel type; unknown types fall back to `custom`. */
export function vendorInfo(type: string): VendorInfo {
  return byType.get(type) ?? (byType.get('custom') as VendorInfo);
}

export function isKnownVendor(type: string): boolean {
  return byType.has(type);
}

/** Env variables that create channels at start (for the empty state). */
export const ENV_KEYS = VENDORS.flatMap((vendor) => (vendor.envKey ? [vendor.envKey] : []));
