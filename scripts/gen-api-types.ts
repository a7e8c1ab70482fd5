/**
 * Writes the console's API types (web/src/api/openapi.generated.ts) from the server's OpenAPI
 * document. Run after changing a route's schema: `npm run gen:api-types`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { API_TYPES_PATH, publishedOpenApiDocument, renderApiTypes } from './api-types.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const text = await renderApiTypes(await publishedOpenApiDocument());
writeFileSync(path.join(root, API_TYPES_PATH), text);
console.log(`wrote ${API_TYPES_PATH} (${text.length} characters)`);
