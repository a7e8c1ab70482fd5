import { expect, it } from 'vitest';
import { geminiProvider } from '../../../src/providers/gemini/index.js';
import { decodeGeminiRequest } from '../../../src/surfaces/gemini/index.js';
import { replayContext } from './decode-recording.js';
import { describeWithFixtures, developerApiRecordings, type Recording, simonwRecordings } from './fixtures.js';
import { normalizeGeminiBody } from './normalize-request.js';
import { PYDANTIC_DUMMY_SIGNATURE } from './request-to-ir.js';
import type { RecordedJson } from './summaries.js';

/**
 * The Gemini surface's decoder against every real request body the recordings hold (Google's
 * own SDK on the Developer API and Vertex, pydantic-ai, simonw/llm-gemini): each decodes without
 * error. Then the round trip a Gemini client served by a Gemini model makes when it is not passed
 * through: decoded by the surface, encoded by the Gemini provider, the conversation (`contents`,
 * `systemInstruction`) and the function names must be what the client sent.
 */
const recordings: Recording[] = [...developerApiRecordings(), ...simonwRecordings()];

const METHOD = /\/models\/([^/:?]+):(generateContent|streamGenerateContent|countTokens)\b/;

const cases = recordings.flatMap((recording) =>
  recording.interactions.flatMap((interaction, position) => {
    const match = METHOD.exec(interaction.uri);
    if (!match || !interaction.requestBody) return [];
    return [
      {
        name: `${recording.file} #${position}`,
        model: match[1]!,
        action: match[2]!,
        developerApi: interaction.uri.includes('generativelanguage.googleapis.com/v1beta/models/'),
        body: interaction.requestBody,
        uri: interaction.uri,
      },
    ];
  }),
);

const roundTripped: string[] = [];

/** What a round trip through the IR cannot keep, by design (each documented in the surface). */
function notRoundTrippable(body: RecordedJson): string | undefined {
  const text = JSON.stringify(body);
  if (/"(executableCode|codeExecutionResult|executable_code|code_execution_result)"/.test(text))
    return 'code execution parts become text';
  if (/"(fileData|file_data)"/.test(text)) return 'a file URL is re-typed from its extension';
  if (/"(toolCall|toolResponse|tool_call|tool_response)"/.test(text)) return 'server-side tool parts have no IR form';
  const modelResponds = (body.contents ?? []).some(
    (content: RecordedJson) =>
      content?.role === 'model' &&
      (content.parts ?? []).some((part: RecordedJson) => part.functionResponse || part.function_response),
  );
  if (modelResponds) return 'a model turn holding function responses is split around them';
  return undefined;
}

describeWithFixtures('Gemini surface replay: recorded request bodies decode', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const query = testCase.uri.includes('alt=sse') ? { alt: 'sse' } : {};
      const request = decodeGeminiRequest({
        body: testCase.body,
        headers: {},
        query,
        params: { model: testCase.model, action: testCase.action },
      });
      expect(request.model).toBe(testCase.model);
      expect(request.stream).toBe(testCase.action === 'streamGenerateContent');
      // Every tool result answers a call made earlier in the conversation.
      const callIds = new Set<string>();
      for (const message of request.messages) {
        if (message.role === 'assistant')
          for (const part of message.content) if (part.type === 'tool-call') callIds.add(part.id);
        if (message.role === 'tool') expect(callIds.has(message.toolCallId), message.toolCallId).toBe(true);
      }

      if (!testCase.developerApi || testCase.action === 'countTokens' || notRoundTrippable(testCase.body)) return;
      const encoded = geminiProvider.encodeRequest(request, replayContext(testCase.model));
      const actual = normalizeGeminiBody(JSON.parse(encoded.http.body), {
        placeholderSignature: PYDANTIC_DUMMY_SIGNATURE,
      });
      const expected = normalizeGeminiBody(testCase.body, { placeholderSignature: PYDANTIC_DUMMY_SIGNATURE });
      expect(actual.contents).toEqual(expected.contents);
      expect(actual.systemInstruction).toEqual(expected.systemInstruction);
      const names = (tools: RecordedJson) =>
        (tools ?? []).flatMap((tool: RecordedJson) =>
          (tool.functionDeclarations ?? []).map((declaration: RecordedJson) => declaration.name),
        );
      expect(names(actual.tools)).toEqual(names(expected.tools));
      roundTripped.push(testCase.name);
    });
  }

  it('finds enough recorded requests (guards against a loader that silently finds nothing)', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(new Set(cases.map((testCase) => testCase.action))).toEqual(
      new Set(['generateContent', 'streamGenerateContent', 'countTokens']),
    );
    expect(roundTripped.length).toBeGreaterThanOrEqual(100);
  });
});
