import { describe, expect, it } from 'vitest';
import { IMAGE_LINK_TTL_MS, MjImageLinks } from './mj-image-link.js';

const key = Buffer.alloc(32, 7);

function parts(path: string) {
  const url = new URL(path, 'http://gateway');
  return {
    taskId: decodeURIComponent(url.pathname.split('/').pop() ?? ''),
    expires: url.searchParams.get('expires') ?? undefined,
    signature: url.searchParams.get('signature') ?? undefined,
  };
}

describe('MjImageLinks', () => {
  it('verifies its own link until it expires, then refuses it', () => {
    let now = 1_700_000_000_000;
    const links = new MjImageLinks(key, () => now);
    const link = parts(links.pathFor('mj_abc'));
    expect(link.taskId).toBe('mj_abc');
    expect(links.verify(link.taskId, link.expires, link.signature)).toBe(true);
    now += IMAGE_LINK_TTL_MS + 60 * 60 * 1000;
    expect(links.verify(link.taskId, link.expires, link.signature)).toBe(false);
  });

  it('refuses a link for another task, another expiry, another key or a forged signature', () => {
    const now = () => 1_700_000_000_000;
    const links = new MjImageLinks(key, now);
    const link = parts(links.pathFor('mj_abc'));
    expect(links.verify('mj_other', link.expires, link.signature)).toBe(false);
    expect(links.verify(link.taskId, String(Number(link.expires) + 3600), link.signature)).toBe(false);
    expect(new MjImageLinks(Buffer.alloc(32, 8), now).verify(link.taskId, link.expires, link.signature)).toBe(false);
    expect(links.verify(link.taskId, link.expires, 'x'.repeat(43))).toBe(false);
    expect(links.verify(link.taskId, undefined, link.signature)).toBe(false);
    expect(links.verify(link.taskId, '1e12', link.signature)).toBe(false);
  });

  it('keeps the same link within the hour, so clients may cache the image', () => {
    let now = 1_700_000_000_000;
    const links = new MjImageLinks(key, () => now);
    const first = links.pathFor('t');
    now += 1000;
    expect(links.pathFor('t')).toBe(first);
  });
});
