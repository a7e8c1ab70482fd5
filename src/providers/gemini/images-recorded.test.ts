import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import type { ImageRequest } from '../../images/image-types.js';
import { decodeGeminiImageUsage, geminiAnswerImages } from './image-generation.js';
import { decodeGeminiImages } from './images.js';

const request: ImageRequest = { operation: 'generation', model: 'm', prompt: 'p', n: 1, stream: false, images: [] };

/** A js-genai recording's response bodies (one per streamed chunk, or the one JSON answer). */
function responseBodies(name: string): unknown[] {
  const file = path.join(FIXTURES_ROOT, 'js-genai/test/system/recordings', name);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as {
    interactions: Array<{ response: { bodySegments: unknown[] } }>;
  };
  return recorded.interactions[0].response.bodySegments;
}

// Its own file: a suite that reads ../shared must skip whole where the folder is absent.
describeWithFixtures('Gemini image recordings (js-genai)', () => {
  it('Imagen :predict: the image, not the prompt safety entry after it', () => {
    const [body] = responseBodies(
      'Client_Tests_generateImages_Vertex_AI_should_generate_images_with_specified_parameters.json',
    );
    const result = decodeGeminiImages(request, body);
    expect(result.images).toHaveLength(1);
    expect(result.images[0].mimeType).toBe('image/jpeg');
    expect(result.images[0].b64Json?.startsWith('/9j/')).toBe(true);
  });

  it('image output: the inlineData image, and the last chunk usage with its 1,290 image tokens', () => {
    const chunks = responseBodies(
      'Client_Tests_generateContentStream_ML_Dev_should_stream_generate_content_with_image_output.json',
    );
    const images = chunks.flatMap((chunk) => geminiAnswerImages(chunk));
    expect(images).toHaveLength(1);
    expect(images[0].mimeType).toBe('image/png');
    expect(images[0].b64Json?.startsWith('iVBORw0KGgo')).toBe(true);
    const usage = decodeGeminiImageUsage((chunks.at(-1) as { usageMetadata: unknown }).usageMetadata);
    expect(usage).toMatchObject({
      inputTokens: 15,
      inputTextTokens: 15,
      outputTokens: 1318,
      outputImageTokens: 1290,
      outputTextTokens: 28,
    });
    // The chunk carrying the image decodes as a whole answer too (what a non-streamed call returns).
    const imageChunk = chunks.find((chunk) => geminiAnswerImages(chunk).length > 0);
    expect(decodeGeminiImages(request, imageChunk).images).toHaveLength(1);
  });

  it('Vertex image output decodes its images', () => {
    const chunks = responseBodies(
      'Client_Tests_generateContentStream_Vertex_AI_should_stream_generate_content_with_image_output.json',
    );
    expect(chunks.flatMap((chunk) => geminiAnswerImages(chunk)).length).toBeGreaterThan(0);
  });
});
