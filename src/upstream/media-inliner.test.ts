import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatRequest } from '../ir/index.js';
import { DEFAULT_MEDIA_FETCH } from './media-fetcher.js';
import { inlineRemoteMedia } from './media-inliner.js';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': req.url?.endsWith('.pdf') ? 'application/pdf' : 'image/png' });
    res.end(Buffer.from(req.url ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (): ChatRequest => ({
  model: 'm',
  stream: false,
  includeUsage: false,
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image', source: { kind: 'url', url: `${base}/a.png` } },
        { type: 'file', source: { kind: 'url', url: `${base}/b.pdf` } },
      ],
    },
  ],
});
const options = { ...DEFAULT_MEDIA_FETCH, allowPrivateAddresses: true };

describe('inlineRemoteMedia', () => {
  it('inlines only what the vendor needs, leaving the original request untouched', async () => {
    const original = request();
    const inlined = await inlineRemoteMedia(original, { images: false, files: true }, options);
    expect(inlined.messages[0]?.content).toEqual([
      { type: 'text', text: 'look' },
      { type: 'image', source: { kind: 'url', url: `${base}/a.png` } },
      {
        type: 'file',
        mediaType: 'application/pdf',
        source: { kind: 'base64', mediaType: 'application/pdf', data: Buffer.from('/b.pdf').toString('base64') },
      },
    ]);
    expect(original).toEqual(request());
  });

  it('inlines images and files for vendors that take bytes only', async () => {
    const inlined = await inlineRemoteMedia(request(), { images: true, files: true }, options);
    const kinds = (inlined.messages[0]?.content ?? []).map((part) => ('source' in part ? part.source.kind : 'text'));
    expect(kinds).toEqual(['text', 'base64', 'base64']);
  });
});
