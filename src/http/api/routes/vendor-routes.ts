import { z } from 'zod';
import type { Vendor, VendorRegistry } from '../../../vendors/vendor-registry.js';
import type { ApiRegistry } from '../api-route.js';

export const vendorSchema = z.object({
  /** A channel's `type`. */
  name: z.string(),
  displayName: z.object({ en: z.string(), zh: z.string().optional() }),
  /** The wire format: `openai`, `anthropic` or `gemini`. */
  provider: z.string(),
  /** Null: the operator gives the base URL and the models (`custom`). */
  defaultBaseUrl: z.string().nullable(),
  keyOptional: z.boolean(),
  /** The variables that declare such a channel at start (null: not from the environment). */
  envKey: z.string().nullable(),
  envBaseUrl: z.string().nullable(),
  /** Chat model globs served when a channel lists no models (besides the catalog's). */
  modelGlobs: z.array(z.string()),
  /** Ids of its other models (embeddings, images, audio): with modelGlobs, how pricing knows a bare id's maker. */
  otherModelGlobs: z.array(z.string()),
  /** The model a channel test uses when the admin names none (null: the catalog's first). */
  testModel: z.string().nullable(),
  suggestedModels: z.array(z.string()),
  badge: z.object({ monogram: z.string(), hue: z.number() }),
});

export const vendorListResponse = z.object({ data: z.array(vendorSchema) });

export type VendorView = z.infer<typeof vendorSchema>;

/** What the console is told about a vendor: its facts, not its wire quirks. */
export function vendorView(vendor: Vendor): VendorView {
  return {
    name: vendor.name,
    displayName: vendor.displayName,
    provider: vendor.provider,
    defaultBaseUrl: vendor.defaultBaseUrl,
    keyOptional: vendor.keyOptional ?? false,
    envKey: vendor.envKey ?? null,
    envBaseUrl: vendor.envBaseUrl ?? null,
    modelGlobs: vendor.modelGlobs,
    otherModelGlobs: vendor.otherModelGlobs ?? [],
    testModel: vendor.testModel ?? null,
    suggestedModels: vendor.suggestedModels,
    badge: vendor.badge,
  };
}

/**
 * GET /api/vendors: the vendor registry, for the console's channel forms. Any signed-in caller may
 * read it: it holds the same public facts as the README's vendor table, nothing about what this
 * deployment has configured.
 */
export function registerVendorRoutes(api: ApiRegistry, vendors: VendorRegistry): void {
  const body = { data: vendors.vendors.map(vendorView) };
  api.route(
    {
      method: 'GET',
      url: '/api/vendors',
      summary: 'The vendors a channel can be of: default base URL, environment variables, model globs, test model',
      tags: ['channels'],
      access: 'user',
      response: vendorListResponse,
    },
    async () => body,
  );
}
