import { expect, it } from 'vitest';
import { geminiProvider } from '../../../src/providers/gemini/index.js';
import { replayContext } from './decode-recording.js';
import { describeWithFixtures, developerApiRecordings, type Recording } from './fixtures.js';
import { normalizeGeminiBody } from './normalize-request.js';
import { PYDANTIC_DUMMY_SIGNATURE, requestToIr, Unrepresentable } from './request-to-ir.js';

/**
 * Request side: each recorded Gemini Developer API request is read back into the IR request a
 * client would have sent; the encoder's body must equal the recorded one (contents and roles,
 * function calls and responses, thought signature placement, system instruction, tools, tool
 * config, generation config with thinking config).
 */
const recordings: Recording[] = developerApiRecordings();

const DEVELOPER_API =
  /^https:\/\/generativelanguage\.googleapis\.com\/v1beta\/models\/([^:]+):(generateContent|streamGenerateContent)/;

const cases = recordings.flatMap((recording) =>
  recording.interactions.flatMap((interaction, position) => {
    const match = DEVELOPER_API.exec(interaction.uri);
    if (!match || !interaction.requestBody) return [];
    return [
      {
        name: `${recording.file} #${position}`,
        model: match[1]!,
        stream: match[2] === 'streamGenerateContent',
        interaction,
      },
    ];
  }),
);

const compared: string[] = [];
const skipped: string[] = [];

describeWithFixtures('Gemini replay: encoded requests match recorded requests', () => {
  for (const { name, model, stream, interaction } of cases) {
    it(name, (context) => {
      let request: ReturnType<typeof requestToIr>;
      try {
        request = requestToIr(interaction.requestBody!, model, stream);
      } catch (error) {
        if (!(error instanceof Unrepresentable)) throw error;
        skipped.push(`${name}: ${error.message}`);
        context.skip(`not expressible in the IR: ${error.message}`);
        return;
      }
      const encoded = geminiProvider.encodeRequest(request, replayContext(model));
      expect(encoded.http.url).toBe(
        `https://generativelanguage.googleapis.com/v1beta/models/${model}:${stream ? 'streamGenerateContent?alt=sse' : 'generateContent'}`,
      );
      expect(encoded.droppedParams).toEqual([]);
      const actual = normalizeGeminiBody(JSON.parse(encoded.http.body));
      const expected = normalizeGeminiBody(interaction.requestBody, { placeholderSignature: PYDANTIC_DUMMY_SIGNATURE });
      expect(actual).toEqual(expected);
      compared.push(name);
    });
  }

  it('compares enough recorded requests (the inverse mapping must not skip everything)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(compared.length).toBeGreaterThanOrEqual(60);
  });
});
