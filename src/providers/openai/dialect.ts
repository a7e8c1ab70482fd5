import type { ReasoningEffort } from '../../ir/index.js';
import type { CompatQuirks } from '../provider.js';
import type { OpenAICompatQuirks, ReasoningEcho } from './compat-quirks.js';
import { findCompatPreset } from './presets.js';
import type { RerankWire } from './rerank-wire.js';

/** Everything the converters need to know about the vendor, resolved once per compat object. */
export interface OpenAIDialect {
  name: string;
  /** OpenAI itself: content arrays everywhere, `refusal` on assistant messages. */
  isOpenAI: boolean;
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  reasoningFields: readonly string[];
  supportsStreamOptions: boolean;
  requiredToolChoice: string;
  seedField: string;
  reasoningStyle: NonNullable<CompatQuirks['reasoningStyle']>;
  reasoningEfforts?: readonly ReasoningEffort[];
  thinkingTypeWithEffort: boolean;
  unsupportedParams: ReadonlySet<string>;
  reasoningEcho: ReasoningEcho;
  supportsDeveloperRole: boolean;
  supportsMessageNames: boolean;
  toolCallIdFormat: 'any' | 'alphanumeric9';
  rerankWire?: RerankWire;
}

export const DEFAULT_REASONING_FIELDS: readonly string[] = ['reasoning_content', 'reasoning'];

const cache = new WeakMap<CompatQuirks, OpenAIDialect>();
let openaiDialect: OpenAIDialect | undefined;

/**
 * Resolves the dialect: no compat means OpenAI itself (the `openai` preset). Otherwise the preset
 * of the same name supplies local quirks, and fields set on the compat object win.
 */
export function resolveDialect(compat: CompatQuirks | undefined): OpenAIDialect {
  if (!compat) {
    openaiDialect ??= buildDialect(findCompatPreset('openai')?.quirks ?? { name: 'openai' });
    return openaiDialect;
  }
  let dialect = cache.get(compat);
  if (!dialect) {
    const preset = findCompatPreset(compat.name)?.quirks;
    dialect = buildDialect({ ...preset, ...definedFields(compat as OpenAICompatQuirks) });
    cache.set(compat, dialect);
  }
  return dialect;
}

function buildDialect(quirks: OpenAICompatQuirks): OpenAIDialect {
  const isOpenAI = quirks.name === 'openai';
  return {
    name: quirks.name,
    isOpenAI,
    maxTokensField: quirks.useMaxTokens ? 'max_tokens' : 'max_completion_tokens',
    reasoningFields: quirks.reasoningFields?.length ? quirks.reasoningFields : DEFAULT_REASONING_FIELDS,
    supportsStreamOptions: quirks.supportsStreamOptions ?? true,
    requiredToolChoice: quirks.requiredToolChoice ?? 'required',
    seedField: quirks.seedField ?? 'seed',
    reasoningStyle: quirks.reasoningStyle ?? 'openai',
    reasoningEfforts: quirks.reasoningEfforts,
    thinkingTypeWithEffort: quirks.thinkingTypeWithEffort ?? false,
    unsupportedParams: new Set(quirks.unsupportedParams ?? []),
    reasoningEcho: quirks.reasoningEcho ?? 'none',
    supportsDeveloperRole: quirks.supportsDeveloperRole ?? isOpenAI,
    supportsMessageNames: quirks.supportsMessageNames ?? true,
    toolCallIdFormat: quirks.toolCallIdFormat ?? 'any',
    rerankWire: quirks.rerankWire,
  };
}

function definedFields(quirks: OpenAICompatQuirks): OpenAICompatQuirks {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(quirks)) if (value !== undefined) result[key] = value;
  return result as unknown as OpenAICompatQuirks;
}
