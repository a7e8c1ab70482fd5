/**
 * Builds src/catalog/catalog.generated.json from LiteLLM's model price list.
 *
 *   npx tsx scripts/build-catalog.ts [path-to-litellm-json] [--verbose]
 *
 * Default input: ../shared/data/model-catalog/litellm_model_prices.json (relative to the project
 * root). The source file is BerriAI/litellm's `model_prices_and_context_window.json` (MIT licence,
 * Copyright (c) 2023 Berri AI; see NOTICE). It is read, never copied: only our converted schema is
 * written. Output is deterministic: running twice on the same input gives the same bytes.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { catalogFileSchema } from '../src/catalog/catalog-schema.js';
import { convertLitellm, serializeCatalog } from '../src/catalog/litellm-import.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const positional = args.filter((arg) => !arg.startsWith('--'));
const inputPath = path.resolve(
  process.cwd(),
  positional[0] ?? path.join(root, '../shared/data/model-catalog/litellm_model_prices.json'),
);
const outputPath = path.join(root, 'src/catalog/catalog.generated.json');

const raw = readFileSync(inputPath);
const sha256 = createHash('sha256').update(raw).digest('hex');
const data: unknown = JSON.parse(raw.toString('utf8'));

const { catalog, report } = convertLitellm(data, {
  name: "BerriAI/litellm model_prices_and_context_window.json, converted to AIHub's schema",
  url: 'https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json',
  license: 'MIT',
  copyright: 'Copyright (c) 2023 Berri AI',
  sha256,
  generator: 'npx tsx scripts/build-catalog.ts',
});

// Validate before writing: never commit a file the runtime would reject.
const parsed = catalogFileSchema.safeParse(catalog);
if (!parsed.success) {
  console.error('generated catalog does not match the schema:');
  for (const issue of parsed.error.issues.slice(0, 20)) {
    console.error(`  ${issue.path.join('.')}: ${issue.message}`);
  }
  process.exit(1);
}

writeFileSync(outputPath, serializeCatalog(catalog));

const providers = Object.entries(report.providers).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const unknownPrices = catalog.models.filter((m) => !m.pricesKnown).length;
console.log(
  `read ${path.relative(process.cwd(), inputPath)} (sha256 ${sha256.slice(0, 12)}…, ${report.entries} entries)`,
);
console.log(
  `wrote ${path.relative(process.cwd(), outputPath)}: ${report.models} models, ${providers.length} providers, ${unknownPrices} with unknown prices`,
);
console.log(`providers: ${providers.map(([p, n]) => `${p} ${n}`).join(', ')}`);
console.log(
  `skipped: ${Object.entries(report.skipped)
    .map(([r, n]) => `${r} ${n}`)
    .join(', ')}`,
);
if (report.unknownProviders.length > 0) {
  console.warn(
    `unmapped LiteLLM providers (add them to PROVIDER_MAP or SKIPPED_PROVIDERS): ${report.unknownProviders.join(', ')}`,
  );
}
if (report.inexactPrices.length > 0) {
  console.warn(
    `${report.inexactPrices.length} prices were not whole units and were rounded half-up${verbose ? `: ${report.inexactPrices.join(', ')}` : ' (--verbose lists them)'}`,
  );
}
// Claude's one-hour cache write: listed in the data for most models; where it is missing or
// contradicts Anthropic's documented 2× input price, litellm-import derives it by that rule
// (src/catalog/anthropic-cache-write-price.ts). Listed so a reviewer sees every derived price.
if (report.derivedPrices.length > 0) {
  console.log(
    `${report.derivedPrices.length} prices derived by a documented rule${verbose ? `: ${report.derivedPrices.join(', ')}` : ' (--verbose lists them)'}`,
  );
}
if (verbose) {
  for (const { dropped, kept } of report.duplicates) console.log(`duplicate: kept ${kept}, dropped ${dropped}`);
}
