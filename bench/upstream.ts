/**
 * The upstream for the benchmark, as its own process: the OpenAI, Anthropic and Gemini emulators
 * in fast mode (fixed responses serialised once, nothing parsed or recorded).
 *
 *   node --import tsx bench/upstream.ts [--chunks 20] [--chunk-delay 0] [--long-frames N]
 *
 * `--long-frames N` makes the OpenAI stream N content frames long (paced by --chunk-delay): the
 * slow upstream that keeps streams open for the memory measurement.
 * Prints `BENCH_READY {"openai": url, "anthropic": url, "gemini": url}`.
 */
import { parseArgs } from 'node:util';
import { startAnthropicEmulator, startGeminiEmulator, startOpenAIEmulator } from '../test/emulators/index.js';

const { values } = parseArgs({
  options: {
    chunks: { type: 'string', default: '20' },
    'chunk-delay': { type: 'string', default: '0' },
    'long-frames': { type: 'string' },
  },
});
const chunkCount = Number(values.chunks);
const chunkDelayMs = Number(values['chunk-delay']);
const longFrames = values['long-frames'] ? Number(values['long-frames']) : undefined;

/** An OpenAI stream of `count` one-word content frames, then the finish, usage and [DONE] frames. */
function longOpenAIStream(count: number): string[] {
  const base = { id: 'chatcmpl-bench', object: 'chat.completion.chunk', created: 1_700_000_000, model: 'gpt-4o-mini' };
  const frame = (body: object) => `data: ${JSON.stringify({ ...base, ...body })}\n\n`;
  const frames = [frame({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })];
  for (let i = 0; i < count; i++) {
    frames.push(frame({ choices: [{ index: 0, delta: { content: 'word ' }, finish_reason: null }] }));
  }
  frames.push(frame({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  frames.push(frame({ choices: [], usage: { prompt_tokens: 20, completion_tokens: count, total_tokens: 20 + count } }));
  frames.push('data: [DONE]\n\n');
  return frames;
}

const common = { record: false, chunkCount, chunkDelayMs };
const [openai, anthropic, gemini] = await Promise.all([
  startOpenAIEmulator({
    ...common,
    fixedResponse: longFrames ? { sse: longOpenAIStream(longFrames) } : true,
  }),
  startAnthropicEmulator({ ...common, fixedResponse: true }),
  startGeminiEmulator({ ...common, fixedResponse: true }),
]);

process.stdout.write(
  `BENCH_READY ${JSON.stringify({ openai: openai.url, anthropic: anthropic.url, gemini: gemini.url })}\n`,
);

const shutdown = async () => {
  await Promise.all([openai.close(), anthropic.close(), gemini.close()]);
  process.exit(0);
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
