import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emulatedImage, GEMINI_IMAGE_TOKENS } from './image-format.js';
import { type Emulator, startGeminiEmulator } from './index.js';
import { geminiHeaders, parseSse, post } from './test-helpers.js';
import type { Json } from './types.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startGeminiEmulator();
});
afterAll(() => emu.close());

const body = {
  contents: [{ role: 'user', parts: [{ text: 'Draw a cat' }] }],
  generationConfig: { responseModalities: ['IMAGE', 'TEXT'] },
};

describe('Gemini emulator image answers', () => {
  it('answers generateContent with the text, then a signed PNG for a Gemini 3 image model', async () => {
    const res = await post(`${emu.url}/v1beta/models/gemini-3-pro-image-preview:generateContent`, body, geminiHeaders);
    const answer = JSON.parse(res.text);
    const parts = answer.candidates[0].content.parts;
    expect(parts.at(-1)).toEqual({
      inlineData: { mimeType: 'image/png', data: emulatedImage('gemini-3-pro-image-preview', 'Draw a cat', 0) },
      thoughtSignature: expect.any(String),
    });
    const usage = answer.usageMetadata;
    const text = usage.candidatesTokensDetails.find((d: Json) => d.modality === 'TEXT').tokenCount;
    expect(usage.candidatesTokensDetails).toContainEqual({ modality: 'IMAGE', tokenCount: GEMINI_IMAGE_TOKENS });
    expect(usage.candidatesTokenCount).toBe(text + GEMINI_IMAGE_TOKENS);
  });

  it('streams the image in a chunk of its own before the closing one, unsigned on Gemini 2.5', async () => {
    const res = await post(
      `${emu.url}/v1beta/models/gemini-2.5-flash-image:streamGenerateContent?alt=sse`,
      body,
      geminiHeaders,
    );
    const chunks = parseSse(res.text).map((event) => JSON.parse(event.data));
    const at = chunks.findIndex((chunk: Json) => chunk.candidates[0].content.parts[0].inlineData);
    expect(at).toBe(chunks.length - 2);
    expect(chunks[at].candidates[0].content.parts).toEqual([
      { inlineData: { mimeType: 'image/png', data: emulatedImage('gemini-2.5-flash-image', 'Draw a cat', 0) } },
    ]);
    expect(chunks.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(chunks.at(-1).usageMetadata.candidatesTokenCount).toBeGreaterThan(GEMINI_IMAGE_TOKENS);
  });

  it('draws the last turn: an edit after an answer gets a different image', async () => {
    const url = `${emu.url}/v1beta/models/gemini-2.5-flash-image:generateContent`;
    const edit = {
      ...body,
      contents: [
        ...body.contents,
        { role: 'model', parts: [{ text: 'A cat.' }] },
        { role: 'user', parts: [{ text: 'Make it blue' }] },
      ],
    };
    const answer = JSON.parse((await post(url, edit, geminiHeaders)).text);
    const data = answer.candidates[0].content.parts.at(-1).inlineData.data;
    expect(data).toBe(emulatedImage('gemini-2.5-flash-image', 'Make it blue', 0));
    expect(data).not.toBe(emulatedImage('gemini-2.5-flash-image', 'Draw a cat', 0));
  });

  it("a scripted refusal is Gemini's IMAGE_SAFETY stop: no parts, only the prompt's tokens", async () => {
    emu.enqueue({ refusal: true }, { refusal: true });
    const res = await post(`${emu.url}/v1beta/models/gemini-2.5-flash-image:generateContent`, body, geminiHeaders);
    const answer = JSON.parse(res.text);
    expect(answer.candidates).toEqual([
      { content: { role: 'model', parts: [] }, finishReason: 'IMAGE_SAFETY', index: 0 },
    ]);
    expect(answer.usageMetadata.totalTokenCount).toBe(answer.usageMetadata.promptTokenCount);
    expect(answer.usageMetadata.candidatesTokenCount).toBeUndefined();
    const streamed = await post(
      `${emu.url}/v1beta/models/gemini-2.5-flash-image:streamGenerateContent?alt=sse`,
      body,
      geminiHeaders,
    );
    const chunks = parseSse(streamed.text).map((event) => JSON.parse(event.data));
    expect(chunks).toHaveLength(1);
    expect(chunks[0].candidates[0].finishReason).toBe('IMAGE_SAFETY');
    expect(streamed.text).not.toContain('inlineData');
  });

  it('answers with text only when no image is asked for', async () => {
    const res = await post(
      `${emu.url}/v1beta/models/gemini-2.5-flash:generateContent`,
      { contents: body.contents },
      geminiHeaders,
    );
    expect(res.text).not.toContain('inlineData');
  });
});
