import { describe, expect, it } from 'vitest';
import type { ModelMode } from '../catalog/catalog-schema.js';
import { catalogDirectory } from './catalog-directory.js';
import type { Channel } from './channel.js';
import { routedModelKind } from './model-kind.js';

function candidate(vendor: string, upstreamModel: string) {
  return { channel: { vendor } as Channel, upstreamModel };
}

describe('routedModelKind', () => {
  const modes: Record<string, ModelMode> = {
    'openai/text-embedding-3-small': 'embedding',
    'openai/gpt-4.1': 'chat',
    'gemini/imagen-4.0-generate-001': 'image',
  };
  const modeOf = (vendor: string, id: string) => modes[`${vendor}/${id}`];

  it("gives the catalog's mode of the model sent upstream", () => {
    expect(routedModelKind([candidate('openai', 'text-embedding-3-small')], modeOf)).toBe('embedding');
    expect(routedModelKind([candidate('gemini', 'imagen-4.0-generate-001')], modeOf)).toBe('image');
  });

  it('takes the first channel the catalog knows (an alias takes its target’s kind)', () => {
    const kind = routedModelKind(
      [candidate('custom', 'my-embedder'), candidate('openai', 'text-embedding-3-small')],
      modeOf,
    );
    expect(kind).toBe('embedding');
  });

  it('calls a model the catalog does not know chat', () => {
    expect(routedModelKind([candidate('ollama', 'llama3.2')], modeOf)).toBe('chat');
    expect(routedModelKind([], modeOf)).toBe('chat');
  });
});

describe('catalogDirectory().modelMode (built-in catalog)', () => {
  const directory = catalogDirectory();

  it("gives the vendor's entry, or any provider's entry for a relay channel", () => {
    expect(directory.modelMode?.('openai', 'text-embedding-3-small')).toBe('embedding');
    expect(directory.modelMode?.('gemini', 'gemini-2.5-flash')).toBe('chat');
    expect(directory.modelMode?.('custom', 'text-embedding-3-small')).toBe('embedding');
    expect(directory.modelMode?.('custom', 'no-such-model-anywhere')).toBeUndefined();
  });
});
