import { describe, expect, it } from 'vitest';
import { getBuiltinCatalog } from '../catalog/catalog.js';
import { catalogDirectory } from './catalog-directory.js';
import { answersImagesInChat } from './chat-image-model.js';

describe('answersImagesInChat', () => {
  const catalog = getBuiltinCatalog();
  const model = (provider: string, id: string) => {
    const entry = catalog.get(provider, id);
    if (!entry) throw new Error(`${provider}/${id} is not in the catalog`);
    return entry;
  };

  it("takes Gemini's image models and leaves per-image models to /v1/images", () => {
    for (const id of ['gemini-2.5-flash-image', 'gemini-3-pro-image-preview', 'gemini-3.1-flash-image']) {
      expect(answersImagesInChat(model('gemini', id))).toBe(true);
    }
    expect(answersImagesInChat(model('gemini', 'imagen-4.0-generate-001'))).toBe(false);
    expect(answersImagesInChat(model('openai', 'gpt-image-1'))).toBe(false);
    expect(answersImagesInChat(model('gemini', 'gemini-2.5-flash'))).toBe(false);
  });

  it("puts them among a Gemini channel's default chat models", () => {
    const ids = catalogDirectory(catalog).chatModelIds('gemini');
    expect(ids).toContain('gemini-2.5-flash-image');
    expect(ids).toContain('gemini-2.5-flash');
    expect(ids).not.toContain('imagen-4.0-generate-001');
    expect(catalogDirectory(catalog).chatModelIds('openai')).not.toContain('gpt-image-1');
  });
});
