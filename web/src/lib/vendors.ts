import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiResponse } from '../api/schema';
import { api } from './api';

/**
 * A vendor a channel can be of, as `GET /api/vendors` describes it: the server's vendor registry
 * (src/vendors/), the one place its default base URL, model globs, test model, environment
 * variables, display name and badge are written. The console keeps no list of its own.
 */
export type Vendor = ApiResponse<'/api/vendors', 'get'>['data'][number];

export interface Vendors {
  /** Every vendor, in the server's order (the type picker's). */
  list: readonly Vendor[];
  /** A channel type's vendor; an unknown type is served as a generic OpenAI-compatible endpoint. */
  of(type: string): Vendor;
  isKnown(type: string): boolean;
  /** The variables that declare a channel at start (for the empty state). */
  envKeys: string[];
  /**
   * The vendor whose id family a bare model id belongs to (`gpt-…` → openai), by the vendors'
   * globs as the server's pricing reads them; undefined for `vendor/model` ids and unknown families.
   */
  makerOf(modelId: string): string | undefined;
}

/** Until the list arrives, and for a type the server no longer knows: a generic endpoint. */
const GENERIC: Vendor = {
  name: 'custom',
  displayName: { en: 'Custom (OpenAI-compatible)' },
  provider: 'openai',
  defaultBaseUrl: null,
  keyOptional: true,
  envKey: null,
  envBaseUrl: null,
  modelGlobs: [],
  otherModelGlobs: [],
  testModel: null,
  suggestedModels: [],
  badge: { monogram: '', hue: 264 },
};

export function vendorsFrom(list: readonly Vendor[] = []): Vendors {
  const byName = new Map(list.map((vendor) => [vendor.name, vendor]));
  const generic = list.find((vendor) => vendor.defaultBaseUrl === null) ?? GENERIC;
  const families = list.map((vendor) => ({
    name: vendor.name,
    patterns: [...vendor.modelGlobs, ...vendor.otherModelGlobs].map(globToRegExp),
  }));
  return {
    list,
    of: (type) => byName.get(type) ?? generic,
    isKnown: (type) => byName.has(type),
    envKeys: list.flatMap((vendor) => (vendor.envKey ? [vendor.envKey] : [])),
    makerOf: (modelId) => {
      const id = modelId.trim();
      if (id === '' || id.includes('/')) return undefined;
      return families.find(({ patterns }) => patterns.some((pattern) => pattern.test(id)))?.name;
    },
  };
}

/** `gpt-4*` → /^gpt-4.*$/i: `*` is any run of characters, everything else literal (the server's rule). */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** A vendor's name in the console's language (English where no translation is given). */
export function vendorName(vendor: Vendor, language: 'en' | 'zh'): string {
  return (language === 'zh' ? vendor.displayName.zh : undefined) ?? vendor.displayName.en;
}

export const vendorsQueryKey = ['vendors'] as const;

/** The vendor list; it changes only with a server upgrade, so it is asked once per page load. */
export function useVendorsQuery() {
  return useQuery({
    queryKey: vendorsQueryKey,
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/vendors', 'get'>>('/api/vendors', { signal }),
    select: (page) => page.data,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useVendors(): Vendors {
  const { data } = useVendorsQuery();
  return useMemo(() => vendorsFrom(data), [data]);
}

/**
 * A vendor's name as shown to people (`OpenAI`, `阿里云百炼（通义千问）`), in the console's language;
 * for a name that is no vendor, what `fallback` makes of it (by default the name itself).
 */
export function useVendorLabel(fallback: (name: string) => string = (name) => name): (name: string) => string {
  const { i18n } = useTranslation();
  const vendors = useVendors();
  const language = i18n.resolvedLanguage === 'zh' ? 'zh' : 'en';
  return (name) => (vendors.isKnown(name) ? vendorName(vendors.of(name), language) : fallback(name));
}
