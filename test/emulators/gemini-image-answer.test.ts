import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMULATOR_IMAGE_TOKENS, EMULATOR_PNG_BASE64 } from './gemini-image-answer.js';
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
      inlineData: { mimeType: 'image/png', data: EMULATOR_PNG_BASE64 },
      thoughtSignature: expect.any(String),
    });
    const usage = answer.usageMetadata;
    const text = usage.candidatesTokensDetails.find((d: Json) => d.modality === 'TEXT').tokenCount;
    expect(usage.candidatesTokensDetails).toContainEqual({ modality: 'IMAGE', tokenCount: EMULATOR_IMAGE_TOKENS });
    expect(usage.candidatesTokenCount).toBe(text + EMULATOR_IMAGE_TOKENS);
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
      { inlineData: { mimeType: 'image/png', data: EMULATOR_PNG_BASE64 } },
    ]);
    expect(chunks.at(-1).candidates[0].finishReason).toBe('STOP');
    expect(chunks.at(-1).usageMetadata.candidatesTokenCount).toBeGreaterThan(EMULATOR_IMAGE_TOKENS);
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
