/**
 * Gemini image models through Chat Completions and the Gemini surface, with the official clients:
 * the `openai` package reads the generated image from `message.images` (OpenRouter's shape), streamed
 * and not, and sends it back in history with its signature for an edit; `@google/genai` gets the
 * `inlineData` part as Gemini sends it.
 */
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMULATOR_PNG_BASE64 } from '../emulators/gemini-image-answer.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

let gateway: Gateway;
let client: OpenAI;
let google: GoogleGenAI;

beforeAll(async () => {
  gateway = await startGateway();
  client = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
  google = new GoogleGenAI({ apiKey: ADMIN_KEY, httpOptions: { baseUrl: gateway.origin } });
});
afterAll(async () => gateway?.close());
beforeEach(() => gateway.gemini.reset());

const PNG_URL = `data:image/png;base64,${EMULATOR_PNG_BASE64}`;

/** OpenRouter's fields on a chat message, which the openai package passes through untyped. */
interface ImageMessage {
  content: string | null;
  images?: Array<{ type: string; image_url: { url: string }; signature?: string }>;
}

function upstreamBody(index = 0) {
  return gateway.gemini.requests[index]?.body;
}

describe('openai SDK → Gemini image model', () => {
  it('answers with the image in message.images; an image model is asked for IMAGE and TEXT', async () => {
    const completion = await client.chat.completions.create({
      model: 'gemini-2.5-flash-image',
      messages: [{ role: 'user', content: 'Draw a cat' }],
    });
    const message = completion.choices[0]!.message as unknown as ImageMessage;
    expect(message.content).toContain('Draw a cat');
    expect(message.images).toEqual([{ type: 'image_url', image_url: { url: PNG_URL } }]);
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(1290);
    expect(upstreamBody().generationConfig).toEqual({ responseModalities: ['IMAGE', 'TEXT'] });
  });

  it('maps modalities and image_config, and streams the image as delta.images', async () => {
    const stream = await client.chat.completions.create({
      model: 'gemini-3-pro-image-preview',
      messages: [{ role: 'user', content: 'Draw a cat' }],
      stream: true,
      stream_options: { include_usage: true },
      // OpenRouter's request fields, which the openai package sends as given.
      ...({ modalities: ['image', 'text'], image_config: { aspect_ratio: '16:9', image_size: '2K' } } as object),
    });
    let text = '';
    const images: ImageMessage['images'] = [];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as (ImageMessage & { content?: string | null }) | undefined;
      if (delta?.content) text += delta.content;
      if (delta?.images) images.push(...delta.images);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toContain('Draw a cat');
    expect(images).toHaveLength(1);
    expect(images[0]!.image_url.url).toBe(PNG_URL);
    expect(images[0]!.signature).toEqual(expect.stringMatching(/^aihub\.v1\.gemini\./));
    expect(usage?.completion_tokens).toBeGreaterThan(1290);
    expect(upstreamBody().generationConfig).toEqual({
      responseModalities: ['IMAGE', 'TEXT'],
      imageConfig: { aspectRatio: '16:9', imageSize: '2K' },
    });
  });

  it('sends an image from history back to Gemini as inlineData with its signature', async () => {
    const first = await client.chat.completions.create({
      model: 'gemini-3-pro-image-preview',
      messages: [{ role: 'user', content: 'Draw a cat' }],
    });
    const answer = first.choices[0]!.message;
    const signature = (answer as unknown as ImageMessage).images?.[0]?.signature;
    expect(signature).toBeDefined();
    await client.chat.completions.create({
      model: 'gemini-3-pro-image-preview',
      messages: [
        { role: 'user', content: 'Draw a cat' },
        answer, // echoed as received, images included
        { role: 'user', content: 'Make it blue' },
      ],
    });
    const modelTurn = upstreamBody(1).contents[1];
    expect(modelTurn.role).toBe('model');
    const imagePart = modelTurn.parts.find((part: { inlineData?: unknown }) => part.inlineData);
    expect(gateway.gemini.requests).toHaveLength(2);
    expect(imagePart).toEqual({
      inlineData: { mimeType: 'image/png', data: EMULATOR_PNG_BASE64 },
      thoughtSignature: signature!.replace(/^aihub\.v1\.gemini\./, ''),
    });
  });

  it('refuses an assistant image that is not a data URL with a 400, before any upstream call', async () => {
    const error = await client.chat.completions
      .create({
        model: 'gemini-2.5-flash-image',
        messages: [
          { role: 'user', content: 'Draw a cat' },
          { role: 'assistant', content: '', images: [{ type: 'image_url', image_url: { url: 'https://x/y.png' } }] },
          { role: 'user', content: 'again' },
        ] as never,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages[1].images[0].image_url.url');
    expect(gateway.gemini.requests).toHaveLength(0);
  });
});

describe('@google/genai → Gemini image model', () => {
  it('gets the inlineData image as Gemini sends it, streamed and not', async () => {
    const response = await google.models.generateContent({
      model: 'gemini-3-pro-image-preview',
      contents: 'Draw a cat',
      config: { responseModalities: ['IMAGE', 'TEXT'] },
    });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    const image = parts.find((part) => part.inlineData);
    expect(image?.inlineData).toEqual({ mimeType: 'image/png', data: EMULATOR_PNG_BASE64 });
    expect(image?.thoughtSignature).toBeTruthy();
    expect(response.data).toBe(EMULATOR_PNG_BASE64);

    // Passed through as sent: the Gemini client's own responseModalities reach Gemini unchanged.
    const stream = await google.models.generateContentStream({
      model: 'gemini-2.5-flash-image',
      contents: 'Draw a cat',
      config: { responseModalities: ['IMAGE', 'TEXT'] },
    });
    const images: string[] = [];
    for await (const chunk of stream) {
      for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
        if (part.inlineData?.data) images.push(part.inlineData.data);
      }
    }
    expect(images).toEqual([EMULATOR_PNG_BASE64]);
  });
});
