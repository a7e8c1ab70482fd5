/**
 * The Gemini surface end to end with the official `@google/genai` SDK against a real AIHub, for every
 * upstream family: Gemini (passed through), OpenAI, Anthropic and an OpenAI-compatible preset
 * (DeepSeek). Text, function declarations in both schema spellings, parallel calls with follow-up
 * `functionResponse` turns, thinking, images, usage, length limits, JSON output, countTokens.
 */
import { type Content, type GenerateContentResponse, GoogleGenAI, type Part, Type } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signatureFor } from '../emulators/index.js';
import { ADMIN_KEY, type Gateway, postJson, startGateway } from './gateway-harness.js';

let gateway: Gateway;
let google: GoogleGenAI;

beforeAll(async () => {
  gateway = await startGateway();
  google = new GoogleGenAI({ apiKey: ADMIN_KEY, httpOptions: { baseUrl: gateway.origin } });
});
afterAll(async () => gateway?.close());
beforeEach(() => {
  for (const emulator of [gateway.openai, gateway.anthropic, gateway.gemini, gateway.deepseek]) emulator.reset();
});

const FAMILIES = [
  { family: 'Gemini (pass-through)', model: 'gemini-2.5-flash-lite' },
  { family: 'OpenAI', model: 'gpt-4.1-mini' },
  { family: 'Anthropic', model: 'claude-sonnet-4-5' },
  { family: 'DeepSeek (OpenAI-compatible)', model: 'deepseek-chat' },
] as const;

/** A tiny valid PNG (1×1, transparent): enough for every upstream's image part. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const weatherDeclaration = {
  name: 'get_weather',
  description: 'The current weather in a city',
  parameters: { type: Type.OBJECT, properties: { city: { type: Type.STRING } }, required: ['city'] },
};
const timeDeclaration = {
  name: 'get_time',
  description: 'The local time in a city',
  parametersJsonSchema: {
    type: 'object',
    properties: { city: { type: 'string', description: 'a city name' } },
    required: ['city'],
    additionalProperties: false,
  },
};

function upstreamFor(model: string) {
  if (model.startsWith('gemini')) return gateway.gemini;
  if (model.startsWith('claude')) return gateway.anthropic;
  if (model.startsWith('deepseek')) return gateway.deepseek;
  return gateway.openai;
}

async function collectStream(stream: AsyncGenerator<GenerateContentResponse>): Promise<GenerateContentResponse[]> {
  const chunks: GenerateContentResponse[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

function partsOf(chunks: GenerateContentResponse[]): Part[] {
  return chunks.flatMap((chunk) => chunk.candidates?.[0]?.content?.parts ?? []);
}

describe.each(FAMILIES)('@google/genai → $family ($model)', ({ model }) => {
  it('answers text, JSON and streamed, with usageMetadata and a finish reason', async () => {
    const response = await google.models.generateContent({
      model,
      contents: 'Say hello',
      config: { systemInstruction: 'Be brief.', temperature: 0.2 },
    });
    expect(response.text).toContain('Say hello');
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.candidates?.[0]?.content?.role).toBe('model');
    const usage = response.usageMetadata;
    expect(usage?.promptTokenCount).toBeGreaterThan(0);
    expect(usage?.candidatesTokenCount).toBeGreaterThan(0);
    expect(usage?.totalTokenCount).toBeGreaterThanOrEqual(
      (usage?.promptTokenCount ?? 0) + (usage?.candidatesTokenCount ?? 0),
    );
    expect(response.modelVersion).toBeTruthy();

    const chunks = await collectStream(await google.models.generateContentStream({ model, contents: 'Say hello' }));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe(response.text);
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last?.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
  });

  it('declares functions (parameters and parametersJsonSchema), gets parallel calls, answers with functionResponse', async () => {
    const tools = [{ functionDeclarations: [weatherDeclaration, timeDeclaration] }];
    const question: Content = { role: 'user', parts: [{ text: 'What is the weather in two cities? parallel please' }] };
    const first = await google.models.generateContent({ model, contents: [question], config: { tools } });
    const calls = first.functionCalls ?? [];
    expect(calls).toHaveLength(2);
    expect(calls.map((call) => call.name)).toEqual(['get_weather', 'get_weather']);
    expect(calls.map((call) => call.args)).toEqual([{ city: 'Paris' }, { city: 'London' }]);

    // The follow-up turn replays the model's parts as received (ids and signatures included).
    const modelTurn = first.candidates?.[0]?.content as Content;
    const answers: Content = {
      role: 'user',
      parts: calls.map((call, index) => ({
        functionResponse: { id: call.id, name: call.name, response: { temperature: index === 0 ? '21C' : '15C' } },
      })),
    };
    const followUp = await google.models.generateContent({
      model,
      contents: [question, modelTurn, answers],
      config: { tools },
    });
    expect(followUp.text).toContain('tool result');
    expect(followUp.functionCalls).toBeUndefined();

    // The same turns streamed: the calls arrive as functionCall parts.
    const streamed = partsOf(
      await collectStream(
        await google.models.generateContentStream({ model, contents: [question], config: { tools } }),
      ),
    );
    expect(streamed.filter((part) => part.functionCall).map((part) => part.functionCall?.args)).toEqual([
      { city: 'Paris' },
      { city: 'London' },
    ]);
  });

  it('takes an inline image', async () => {
    const response = await google.models.generateContent({
      model,
      contents: [
        {
          role: 'user',
          parts: [{ inlineData: { mimeType: 'image/png', data: PIXEL_PNG } }, { text: 'Describe this picture' }],
        },
      ],
    });
    expect(response.text).toContain('Describe this picture');
    // The picture reached the upstream in its own shape, bytes intact.
    const upstream = JSON.stringify(upstreamFor(model).requests.at(-1)?.body);
    expect(upstream).toContain(PIXEL_PNG);
    expect(upstream).toMatch(/image\/png/);
  });

  it('stops at maxOutputTokens with finishReason MAX_TOKENS', async () => {
    const long = 'Please repeat this long sentence back to me word for word. '.repeat(4);
    const response = await google.models.generateContent({ model, contents: long, config: { maxOutputTokens: 5 } });
    expect(response.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
    const chunks = await collectStream(
      await google.models.generateContentStream({ model, contents: long, config: { maxOutputTokens: 5 } }),
    );
    expect(chunks.at(-1)?.candidates?.[0]?.finishReason).toBe('MAX_TOKENS');
  });

  it('answers JSON for responseMimeType application/json with a responseSchema', async () => {
    // Claude gets the schema as an instruction (no native JSON mode is sent): the emulator, which
    // only answers JSON to a native mode, is told to answer as Claude would.
    if (model === 'claude-sonnet-4-5') gateway.anthropic.enqueue({ text: '{"city": "Paris", "population": 2100000}' });
    const response = await google.models.generateContent({
      model,
      contents: 'A city and its population',
      config: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: Type.OBJECT,
          properties: { city: { type: Type.STRING }, population: { type: Type.INTEGER } },
          required: ['city', 'population'],
        },
      },
    });
    const parsed = JSON.parse(response.text ?? '');
    expect(typeof parsed.city).toBe('string');
    expect(Number.isInteger(parsed.population)).toBe(true);
    expect(JSON.stringify(upstreamFor(model).requests.at(-1)?.body)).toContain('population');
  });

  it('counts tokens', async () => {
    const count = await google.models.countTokens({ model, contents: 'Count these words for me please' });
    expect(count.totalTokens).toBeGreaterThan(0);
  });
});

describe('thinking through @google/genai', () => {
  const thinkingConfig = { includeThoughts: true, thinkingBudget: 1024 };
  const tools = [{ functionDeclarations: [weatherDeclaration] }];
  const question: Content = { role: 'user', parts: [{ text: 'What is the weather in Paris?' }] };

  it.each(FAMILIES)('$family: thought parts and thoughtsTokenCount', async ({ model }) => {
    for (const emulator of [gateway.openai, gateway.deepseek])
      emulator.setScript({ reasoning: 'Let me think it over.' });
    gateway.anthropic.setScript({ reasoning: 'Let me think it over.' });
    gateway.gemini.setScript({ reasoning: 'Let me think it over.' });
    const response = await google.models.generateContent({ model, contents: 'Say hello', config: { thinkingConfig } });
    const parts = response.candidates?.[0]?.content?.parts ?? [];
    expect(response.text).toContain('Say hello');
    // Anthropic reports no separate thinking token count: "not reported" stays absent, not 0.
    if (model === 'claude-sonnet-4-5') expect(response.usageMetadata?.thoughtsTokenCount).toBeUndefined();
    else expect(response.usageMetadata?.thoughtsTokenCount).toBeGreaterThan(0);
    // OpenAI's chat API reports reasoning tokens but never their text: no thought part to show.
    if (model !== 'gpt-4.1-mini') {
      expect(
        parts
          .filter((part) => part.thought)
          .map((part) => part.text)
          .join(''),
      ).toBe('Let me think it over.');
    }
  });

  // Gemini 2.5 signs the first part after the thoughts; Gemini 3 signs the first functionCall.
  it.each(['gemini-2.5-flash-lite', 'gemini-3-pro-preview'])(
    '%s: the thoughtSignature reaches the emulator untouched across a function-call turn',
    async (model) => {
      gateway.gemini.setScript({ reasoning: 'I should call the weather tool.' });
      const first = await google.models.generateContent({
        model,
        contents: [question],
        config: { tools, thinkingConfig },
      });
      const modelTurn = first.candidates?.[0]?.content as Content;
      const signature = modelTurn.parts?.find((part) => part.thoughtSignature)?.thoughtSignature;
      expect(signature).toEqual(expect.any(String));
      const upstreamFirst = gateway.gemini.requests.at(-1)?.rawBody;
      expect(upstreamFirst).toBeDefined();

      await google.models.generateContent({
        model,
        contents: [
          question,
          modelTurn,
          { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temperature: '21C' } } }] },
        ],
        config: { tools, thinkingConfig },
      });
      const replayed = gateway.gemini.requests.at(-1)?.body as { contents: Array<{ parts: Part[] }> };
      expect(replayed.contents[1]?.parts.find((part) => part.thoughtSignature)?.thoughtSignature).toBe(signature);
    },
  );

  it('Claude: the Anthropic signature survives sealed in thoughtSignature across a function-call turn', async () => {
    gateway.anthropic.enqueue({ reasoning: 'I should call the weather tool.', toolCalls: true }, {});
    const model = 'claude-sonnet-4-5';
    const chunks = await collectStream(
      await google.models.generateContentStream({ model, contents: [question], config: { tools, thinkingConfig } }),
    );
    const parts = partsOf(chunks);
    const firstAnswer = gateway.anthropic.requests.at(-1)?.body as {
      thinking?: { type: string; budget_tokens?: number };
    };
    expect(firstAnswer.thinking).toMatchObject({ type: 'enabled', budget_tokens: 1024 });
    expect(parts.some((part) => part.thoughtSignature)).toBe(true);
    expect(parts.some((part) => part.functionCall)).toBe(true);

    // The client rebuilds the model turn from the streamed parts, as the SDK's chat helper does.
    const modelTurn: Content = { role: 'model', parts: mergeThoughtText(parts) };
    await google.models.generateContent({
      model,
      contents: [
        question,
        modelTurn,
        { role: 'user', parts: [{ functionResponse: { name: 'get_weather', response: { temperature: '21C' } } }] },
      ],
      config: { tools, thinkingConfig },
    });
    const upstream = gateway.anthropic.requests.at(-1)?.body as {
      messages: Array<{ role: string; content: Array<{ type: string; thinking?: string; signature?: string }> }>;
    };
    const thinking = upstream.messages[1]?.content.find((block) => block.type === 'thinking');
    expect(thinking?.thinking).toBe('I should call the weather tool.');
    expect(thinking?.signature).toBe(signatureFor('I should call the weather tool.'));
  });
});

/** Joins streamed thought-text pieces into one part, keeping every other part (and its signature) as sent. */
function mergeThoughtText(parts: Part[]): Part[] {
  const merged: Part[] = [];
  for (const part of parts) {
    const previous = merged.at(-1);
    if (previous?.thought && part.thought && part.text !== undefined && !previous.thoughtSignature) {
      previous.text = (previous.text ?? '') + part.text;
      if (part.thoughtSignature) previous.thoughtSignature = part.thoughtSignature;
      continue;
    }
    merged.push({ ...part });
  }
  return merged;
}

describe('models and the request log', () => {
  it('lists and gets models', async () => {
    const names: string[] = [];
    for await (const entry of await google.models.list()) names.push(entry.name ?? '');
    expect(names).toEqual(
      expect.arrayContaining(['models/gemini-2.5-flash-lite', 'models/claude-sonnet-4-5', 'models/gpt-4.1-mini']),
    );
    const one = await google.models.get({ model: 'claude-sonnet-4-5' });
    expect(one.name).toBe('models/claude-sonnet-4-5');
    expect(one.supportedActions).toEqual(expect.arrayContaining(['generateContent', 'countTokens']));
    await expect(google.models.get({ model: 'no-such-model' })).rejects.toMatchObject({ status: 404 });
  });

  it('writes request log rows with surface gemini, filterable by ?api=gemini', async () => {
    await google.models.generateContent({ model: 'gpt-4.1-mini', contents: 'log me please' });
    let rows: Array<{ surface?: string; modelRequested?: string }> = [];
    for (let attempt = 0; attempt < 100 && rows.length === 0; attempt++) {
      const response = await fetch(`${gateway.origin}/api/logs?api=gemini`, {
        headers: { authorization: `Bearer ${ADMIN_KEY}` },
      });
      expect(response.status).toBe(200);
      rows = ((await response.json()) as { data: typeof rows }).data.filter(
        (row) => row.modelRequested === 'gpt-4.1-mini',
      );
      if (rows.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.surface === 'gemini')).toBe(true);
    // A Chat Completions call on the same model is logged under its own surface, not gemini's filter.
    await postJson(gateway, '/v1/chat/completions', {
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const geminiOnly = await fetch(`${gateway.origin}/api/logs?api=gemini`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const geminiRows = ((await geminiOnly.json()) as { data: Array<{ surface?: string }> }).data;
    expect(geminiRows.every((row) => row.surface === 'gemini')).toBe(true);
    const others = await fetch(`${gateway.origin}/api/logs?api=openai-chat`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    const otherRows = ((await others.json()) as { data: Array<{ surface?: string }> }).data;
    expect(otherRows.length).toBeGreaterThan(0);
    expect(otherRows.every((row) => row.surface === 'openai-chat')).toBe(true);
  });
});
