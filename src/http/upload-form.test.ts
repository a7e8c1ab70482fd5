import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { readUploadForm } from './upload-form.js';

const LIMITS = { totalBytes: 256 * 1024, files: 3, fields: 8, parts: 16 };

let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  app = Fastify();
  await app.register(multipart);
  app.post('/upload', async (request, reply) => {
    try {
      const form = await readUploadForm(request, LIMITS);
      const files = Object.fromEntries(
        Object.entries(form.files).map(([name, list]) => [name, list.map((file) => file.bytes.length)]),
      );
      return { fields: form.fields, files };
    } catch (error) {
      const failure = error as GatewayError;
      if (!(failure instanceof GatewayError)) throw error;
      return reply.code(failure.status).send({ status: failure.status, code: failure.code, param: failure.param });
    }
  });
  url = `${await app.listen({ port: 0, host: '127.0.0.1' })}/upload`;
});

afterAll(() => app.close());

async function post(body: FormData): Promise<{ status: number; body: Record<string, unknown> }> {
  const reply = await fetch(url, { method: 'POST', body });
  return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
}

describe('readUploadForm', () => {
  it('reads text fields and several files under one name, in order', async () => {
    const form = new FormData();
    form.set('prompt', 'night');
    form.append('image[]', new Blob([new Uint8Array(3)], { type: 'image/png' }), 'a.png');
    form.append('image[]', new Blob([new Uint8Array(5)], { type: 'image/png' }), 'b.png');
    form.set('mask', new Blob([new Uint8Array(2)], { type: 'image/png' }), 'm.png');
    const reply = await post(form);
    expect(reply).toEqual({
      status: 200,
      body: { fields: { prompt: 'night' }, files: { 'image[]': [3, 5], mask: [2] } },
    });
  });

  it('refuses a text field sent twice with a 400 naming it', async () => {
    const form = new FormData();
    form.append('model', 'gpt-image-1');
    form.append('model', 'dall-e-2');
    expect(await post(form)).toEqual({
      status: 400,
      body: { status: 400, code: 'invalid_multipart', param: 'model' },
    });
  });

  it('refuses a form of 1,000 tiny parts with a 400', async () => {
    const form = new FormData();
    for (let i = 0; i < 1000; i++) form.append(`f${i}`, 'x');
    expect(await post(form)).toMatchObject({ status: 400, body: { code: 'invalid_multipart' } });
    const files = new FormData();
    for (let i = 0; i < 1000; i++) files.append('image[]', new Blob(['x']), `${i}.png`);
    expect(await post(files)).toMatchObject({ status: 400, body: { code: 'invalid_multipart' } });
  });

  it('answers 413 for a declared length above the cap, and for a chunked body that grows past it', async () => {
    const big = new FormData();
    big.set('image', new Blob([new Uint8Array(LIMITS.totalBytes + 1)]), 'big.png');
    expect(await post(big)).toMatchObject({ status: 413, body: { code: 'request_too_large' } });

    // No Content-Length: the cap is counted while reading, across files that are each under it.
    const boundary = 'xyzzy';
    const chunk = new Uint8Array(160 * 1024).fill(65);
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const name of ['a', 'b']) {
          controller.enqueue(
            encoder.encode(
              `--${boundary}\r\nContent-Disposition: form-data; name="image[]"; filename="${name}.png"\r\nContent-Type: image/png\r\n\r\n`,
            ),
          );
          controller.enqueue(chunk);
          controller.enqueue(encoder.encode('\r\n'));
        }
        controller.enqueue(encoder.encode(`--${boundary}--\r\n`));
        controller.close();
      },
    });
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(reply.status).toBe(413);
  });

  it('answers 400 for a body that is not a form', async () => {
    const reply = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
      body: 'garbage',
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ code: 'invalid_multipart' });
  });
});
