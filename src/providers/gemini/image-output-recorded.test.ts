import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import type { StreamPart } from '../../ir/index.js';
import { ChatCompletionStreamEncoder } from '../../surfaces/openai/stream-encoder.js';
import type { ProviderContext } from '../provider.js';
import { createGeminiStreamDecoder } from './stream-decoder.js';

// Its own file: a suite that reads ../shared must skip whole where the folder is absent.
const RECORDINGS = 'js-genai/test/system/recordings';
const CASES = [
  'Client_Tests_generateContentStream_ML_Dev_should_stream_generate_content_with_image_output.json',
  'Client_Tests_generateContentStream_Vertex_AI_should_stream_generate_content_with_image_output.json',
];

// biome-ignore lint/suspicious/noExplicitAny: recorded JSON, read field by field as the test goes.
type RecordedChunk = Record<string, any>;

interface Recording {
  interactions: Array<{ response: { bodySegments: RecordedChunk[] } }>;
}

function chunksOf(name: string): RecordedChunk[] {
  const recording = JSON.parse(readFileSync(path.join(FIXTURES_ROOT, RECORDINGS, name), 'utf8')) as Recording;
  const [interaction] = recording.interactions;
  if (!interaction) throw new Error(`no interaction in ${name}`);
  return interaction.response.bodySegments;
}

const context: ProviderContext = {
  target: { baseUrl: 'https://generativelanguage.googleapis.com', apiKey: 'k', model: 'gemini-2.5-flash-image' },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
};

describeWithFixtures("js-genai's Gemini image-output stream recordings", () => {
  it.each(CASES)('%s: text, then the image whole, then usage and the finish', (name) => {
    const chunks = chunksOf(name);
    const decoder = createGeminiStreamDecoder(context);
    const parts: StreamPart[] = [
      ...chunks.flatMap((chunk) => decoder.push({ data: JSON.stringify(chunk) })),
      ...decoder.end(),
    ];
    const recordedText = chunks
      .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
      .map((part: { text?: string }) => part.text ?? '')
      .join('');
    const recordedImages = chunks
      .flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? [])
      .filter((part: { inlineData?: unknown }) => part.inlineData);
    expect(recordedImages).toHaveLength(1);

    const text = parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
    expect(text).toBe(recordedText);
    const images = parts.filter((part) => part.type === 'generated-image');
    expect(images).toEqual([
      { type: 'generated-image', choice: 0, mediaType: 'image/png', data: recordedImages[0].inlineData.data },
    ]);
    expect(parts.filter((part) => part.type === 'error')).toEqual([]);
    expect(parts.at(-1)).toEqual({ type: 'finish', choice: 0, finishReason: { unified: 'stop', raw: 'STOP' } });

    // The image tokens are in candidatesTokenCount: the output total counts them.
    const usage = parts.filter((part) => part.type === 'usage').at(-1);
    const metadata = chunks.at(-1)?.usageMetadata;
    expect(usage?.type === 'usage' && usage.usage.outputTokens.total).toBe(
      (metadata.candidatesTokenCount ?? 0) + (metadata.thoughtsTokenCount ?? 0),
    );
    const recordedImageTokens = metadata.candidatesTokensDetails.find(
      (entry: { modality: string }) => entry.modality === 'IMAGE',
    ).tokenCount;
    expect(usage?.type === 'usage' && usage.usage.outputTokens.image).toBe(recordedImageTokens);

    // Chat Completions: the whole image in one chunk's delta.images, as a data URL.
    const encoder = new ChatCompletionStreamEncoder({
      id: 'chatcmpl-1',
      created: 1,
      model: 'gemini-2.5-flash-image',
      includeUsage: true,
      provider: 'gemini',
    });
    const frames = parts.map((part) => encoder.encode(part)).filter((frame) => frame.includes('"images"'));
    expect(frames).toHaveLength(1);
    const delta = JSON.parse(frames[0]!.slice('data: '.length)).choices[0].delta;
    expect(delta.images).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${recordedImages[0].inlineData.data}` } },
    ]);
  });
});
