import type { LimitSet, ModelLimitOverrides } from './limit-types.js';

export interface ResolvedOverride {
  /** The pattern that matched (names the override's buckets and appears in messages). */
  pattern: string;
  limits: Partial<LimitSet>;
}

interface Compiled {
  exact: Map<string, ResolvedOverride>;
  globs: Array<{ regex: RegExp; override: ResolvedOverride }>;
}

// Compiled once per overrides object (the integrator keeps one per key until it changes).
const compiled = new WeakMap<ModelLimitOverrides, Compiled>();

function compile(overrides: ModelLimitOverrides): Compiled {
  const result: Compiled = { exact: new Map(), globs: [] };
  for (const [pattern, limits] of Object.entries(overrides)) {
    const override = { pattern, limits };
    if (pattern.includes('*')) {
      const body = pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*');
      result.globs.push({ regex: new RegExp(`^${body}$`, 'i'), override });
    } else {
      result.exact.set(pattern.toLowerCase(), override);
    }
  }
  return result;
}

/** The override for `model`: an exact id (case-insensitive) first, then the first matching glob. */
export function resolveModelOverride(
  overrides: ModelLimitOverrides | undefined,
  model: string,
): ResolvedOverride | undefined {
  if (!overrides) return undefined;
  let entry = compiled.get(overrides);
  if (!entry) {
    entry = compile(overrides);
    compiled.set(overrides, entry);
  }
  const exact = entry.exact.get(model.toLowerCase());
  if (exact) return exact;
  return entry.globs.find((glob) => glob.regex.test(model))?.override;
}
