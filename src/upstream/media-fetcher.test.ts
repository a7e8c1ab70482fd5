import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { DEFAULT_MEDIA_FETCH, fetchMedia } from './media-fetcher.js';

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

  // Each of these reaches the test server on 127.0.0.1 once the URL parser has normalised it.
  it.each([
    ['decimal', (port: number) => `http://2130706433:${port}/cat.png`],
    ['hex and short', (port: number) => `http://0x7f.1:${port}/cat.png`],
    ['octal', (port: number) => `http://017700000001:${port}/cat.png`],
    ['short', (port: number) => `http://127.1:${port}/cat.png`],
    ['IPv4-mapped, dotted', (port: number) => `http://[::ffff:127.0.0.1]:${port}/cat.png`],
    ['IPv4-mapped, hex', (port: number) => `http://[::ffff:7f00:1]:${port}/cat.png`],
    ['IPv4-compatible', (port: number) => `http://[::7f00:1]:${port}/cat.png`],
    ['SIIT', (port: number) => `http://[::ffff:0:7f00:1]:${port}/cat.png`],
    ['NAT64', (port: number) => `http://[64:ff9b::7f00:1]:${port}/cat.png`],
    ['6to4', (port: number) => `http://[2002:7f00:1::]:${port}/cat.png`],
  ])('refuses a loopback URL in %s form before connecting', async (_form, url) => {
    const port = (server.address() as AddressInfo).port;
    const error = await failure(fetchMedia(url(port), DEFAULT_MEDIA_FETCH, 'messages[0].content[1].image_url'));
    expect(error.status).toBe(400);
    expect(error.message).toBe('Media URLs must point to public addresses.');
    expect(error.param).toBe('messages[0].content[1].image_url');
  });

  it('rejects non-http schemes', async () => {
    expect((await failure(fetchMedia('ftp://example.com/a.png', DEFAULT_MEDIA_FETCH, 'p'))).message).toContain('http');
  });
});
