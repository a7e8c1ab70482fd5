import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import type { ImageRequest } from '../../images/image-types.js';
import { decodeOpenAIImages } from './images.js';
import { openaiProvider } from './index.js';

const request: ImageRequest = {
  operation: 'generation',
  model: 'gpt-image-1',
  prompt: 'p',
  n: 1,
  stream: false,
  images: [],
};
const recording = (name: string) =>
  readFileSync(path.join(FIXTURES_ROOT, 'vercel-ai/openai/src/image/__fixtures__', name), 'utf8');

// Its own file: a suite that reads ../shared must skip whole where the folder is absent.
describeWithFixtures('OpenAI image recordings (vercel-ai)', () => {
  it('decodes a generation: two images, the revised prompt of the first', () => {
    const body = JSON.parse(recording('openai-image.json'));
    const result = decodeOpenAIImages(request, body);
    expect(result.created).toBe(1770935200);
    expect(result.images).toEqual([
      { b64Json: body.data[0].b64_json, revisedPrompt: body.data[0].revised_prompt },
      { b64Json: body.data[1].b64_json },
    ]);
    expect(result.usage).toBeUndefined();
  });

  it('decodes an edit: what was made (background, format, quality, size)', () => {
    const body = JSON.parse(recording('openai-image-edit.json'));
    expect(decodeOpenAIImages({ ...request, operation: 'edit' }, body)).toMatchObject({
      created: 1770935251,
      images: [{ b64Json: body.data[0].b64_json }],
      background: 'opaque',
      outputFormat: 'png',
      quality: 'high',
      size: '1024x1024',
    });
  });

  it("maps OpenAI's refusal of response_format for gpt-image to the client's 400, naming the parameter", () => {
    const error = openaiProvider.decodeError(400, {}, recording('gpt-image-response-format-error.json'));
    expect(error.status).toBe(400);
    expect(error.retryable).toBe(false);
    expect(error.param).toBe('response_format');
  });
});
