import type { OpenAICompatQuirks } from '../providers/openai/compat-quirks.js';
import { globToRegExp } from '../routing/glob.js';
import type { ModelKind } from '../routing/model-kind.js';
import { BUILTIN_VENDORS } from './builtin-vendors.js';
import type { VendorEntry } from './vendor-entry.js';

/** A vendor entry with what follows from it, computed once. */
export interface Vendor extends VendorEntry {
  /** What a channel of this vendor carries as `compat`: its quirks, named (OpenAI-compatible vendors). */
  compat?: OpenAICompatQuirks;
  /** `PREFIX_API_KEY`; undefined when no key variable is read (key-less vendors, `custom`). */
  envKey?: string;
  /** `PREFIX_BASE_URL`; undefined for vendors not declared from the environment. */
  envBaseUrl?: string;
  /** The kinds of model it serves, filled in (`chat` where the entry names none). */
  modelKinds: readonly ModelKind[];
}

/** What a vendor that names no kinds serves: chat (its other models are reached by their globs). */
const DEFAULT_MODEL_KINDS: readonly ModelKind[] = ['chat'];

/**
 * The vendors, looked up by name or by model id. Built from entries (the built-in list, or a
 * test's), checked once: names are unique and lower case, quirks only for OpenAI-compatible ones,
 * and one generic endpoint (`defaultBaseUrl: null`, `custom`) is there to fall back on.
 */
export class VendorRegistry {
  readonly vendors: readonly Vendor[];
  /** The generic OpenAI-compatible endpoint (`custom`): what a channel of an unknown type is served as. */
  readonly generic: Vendor;
  private readonly byName = new Map<string, Vendor>();
  private readonly recognisers: { vendor: string; patterns: RegExp[] }[];

  constructor(entries: readonly VendorEntry[]) {
    this.vendors = entries.map((entry) => deepFreeze(resolve(entry)));
    for (const vendor of this.vendors) {
      if (vendor.name !== vendor.name.toLowerCase() || this.byName.has(vendor.name)) {
        throw new Error(`vendor registry: '${vendor.name}' is not a unique lower-case name`);
      }
      if (vendor.quirks && vendor.provider !== 'openai') {
        throw new Error(`vendor registry: '${vendor.name}' has OpenAI-compatible quirks but speaks ${vendor.provider}`);
      }
      this.byName.set(vendor.name, vendor);
    }
    const generic = this.vendors.find((vendor) => vendor.defaultBaseUrl === null && vendor.provider === 'openai');
    if (!generic) throw new Error('vendor registry: no generic OpenAI-compatible endpoint (defaultBaseUrl: null)');
    this.generic = generic;
    this.recognisers = this.vendors.map((vendor) => ({
      vendor: vendor.name,
      patterns: [...vendor.modelGlobs, ...(vendor.otherModelGlobs ?? [])].map(globToRegExp),
    }));
  }

  /** The vendor of a channel type or `vendor/` prefix, exactly as named. */
  find(name: string): Vendor | undefined {
    return this.byName.get(name);
  }

  /**
   * Chat model globs a channel of this vendor serves when it lists no models (an arrow function:
   * the router takes it as a callback).
   */
  readonly modelGlobs = (name: string): string[] => this.byName.get(name)?.modelGlobs ?? [];

  /**
   * Best guess of the vendor of a bare model id, from its id family (`gpt-5.9` → openai,
   * `qwen3-…` → dashscope), case-insensitive: pricing uses it to choose among catalog entries
   * of the same id. Namespaced ids (`meta-llama/…`) are not guessed.
   */
  vendorForModelId(id: string): string | undefined {
    const trimmed = id.trim();
    if (trimmed === '' || trimmed.includes('/')) return undefined;
    return this.recognisers.find(({ patterns }) => patterns.some((pattern) => pattern.test(trimmed)))?.vendor;
  }

  /**
   * Whether a channel of this vendor serves models of this kind. A channel type the registry does
   * not know is served as the generic endpoint (`custom`), so it answers like that one.
   */
  serves(name: string, kind: ModelKind): boolean {
    return (this.byName.get(name) ?? this.generic).modelKinds.includes(kind);
  }

  /** The vendor's cheap default model for a channel test, if it has one. */
  testModel(name: string): string | undefined {
    return this.byName.get(name)?.testModel;
  }
}

function resolve(entry: VendorEntry): Vendor {
  const vendor: Vendor = { ...entry, modelKinds: entry.modelKinds ?? DEFAULT_MODEL_KINDS };
  if (entry.quirks) vendor.compat = { name: entry.name, ...entry.quirks };
  if (entry.env) {
    vendor.envBaseUrl = `${entry.env.prefix}_BASE_URL`;
    if (!entry.keyOptional) vendor.envKey = `${entry.env.prefix}_API_KEY`;
  }
  return vendor;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The vendors AIHub ships with. */
export const builtinVendors = new VendorRegistry(BUILTIN_VENDORS);
