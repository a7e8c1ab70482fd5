import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { DEFAULT_MEDIA_FETCH, fetchMedia } from './media-fetcher.js';
import { isPublicAddress } from './ssrf-guard.js';

let server: Server;
let base: string;
const png = Buffer.from('89504e470d0a1a0a0000', 'hex');

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/cat.png') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(png);
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: '/cat.png' });
      res.end();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.alloc(2048));
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['1.1.1.1', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.20.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['::ffff:127.0.0.1', false],
    ['2606:4700:4700::1111', true],
    ['not-an-ip', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('fetchMedia', () => {
  it('refuses loopback and private targets by default, including by hostname', async () => {
    const byIp = await failure(fetchMedia(`${base}/cat.png`, DEFAULT_MEDIA_FETCH, 'p'));
    expect(byIp.status).toBe(400);
    expect(byIp.message).toContain('public');
    const port = (server.address() as AddressInfo).port;
    const byName = await failure(fetchMedia(`http://localhost:${port}/cat.png`, DEFAULT_MEDIA_FETCH, 'p'));
    expect(byName.message).toContain('public');
  });

  it('fetches when private addresses are allowed, following redirects', async () => {
    const options = { ...DEFAULT_MEDIA_FETCH, allowPrivateAddresses: true };
    const media = await fetchMedia(`${base}/redirect`, options, 'p');
    expect(media.mediaType).toBe('image/png');
    expect(media.data.equals(png)).toBe(true);
  });

  it('enforces the size limit and reports HTTP failures', async () => {
    const options = { ...DEFAULT_MEDIA_FETCH, allowPrivateAddresses: true, maxBytes: 1024 };
    expect((await failure(fetchMedia(`${base}/big`, options, 'p'))).message).toContain('limit');
    expect((await failure(fetchMedia(`${base}/missing`, options, 'p'))).message).toContain('404');
  });

  it('rejects non-http schemes', async () => {
    expect((await failure(fetchMedia('ftp://example.com/a.png', DEFAULT_MEDIA_FETCH, 'p'))).message).toContain('http');
  });
});
