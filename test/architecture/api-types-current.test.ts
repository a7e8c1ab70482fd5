import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPI3 } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_PATH, publishedOpenApiDocument, renderApiTypes } from '../../scripts/api-types.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe("the console's API types", () => {
  let document: OpenAPI3;
  beforeAll(async () => {
    document = await publishedOpenApiDocument();
  });

  it('are generated from the OpenAPI document the server publishes now (run `npm run gen:api-types`)', async () => {
    const current = await renderApiTypes(document);
    const checkedIn = readFileSync(join(ROOT, API_TYPES_PATH), 'utf8');
    // One line, not a 3,000-line diff: what to run is the useful message.
    expect(checkedIn === current, `${API_TYPES_PATH} is stale: run \`npm run gen:api-types\``).toBe(true);
  });

  it('describe every REST route with a success body by its response schema', () => {
    const untyped: string[] = [];
    for (const [path, operations] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(operations ?? {})) {
        const responses = (operation as { responses?: Record<string, { content?: unknown }> }).responses ?? {};
        const success = Object.entries(responses).find(([status]) => status.startsWith('2'));
        if (success && success[0] !== '204' && !success[1].content) untyped.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(untyped).toEqual([]);
  });
});
