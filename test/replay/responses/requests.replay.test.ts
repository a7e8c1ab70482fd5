/**
 * Every real Responses request body in the recordings (pydantic-ai cassettes: what the official
 * Python SDK sent to OpenAI, DeepSeek, OpenRouter and Azure) decodes without error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { decodeResponsesRequest } from '../../../src/surfaces/responses/index.js';
import { describeWithFixtures, FIXTURES_ROOT, fixturesAvailable } from '../../shared-fixtures.js';

const CASSETTES = 'pydantic-ai/tests/models/cassettes';

interface RecordedRequest {
  name: string;
  body: Record<string, unknown>;
  /** The status the vendor answered: a 400 there must be a 400 here too. */
  status: number;
}

function recordedRequests(): RecordedRequest[] {
  if (!fixturesAvailable) return [];
  const root = path.join(FIXTURES_ROOT, CASSETTES);
  const requests: RecordedRequest[] = [];
  for (const folder of readdirSync(root)) {
    const dir = path.join(root, folder);
    let files: string[];
    try {
      files = readdirSync(dir).filter((file) => file.endsWith('.yaml'));
    } catch {
      continue;
    }
    for (const file of files) {
      const cassette = parseYaml(readFileSync(path.join(dir, file), 'utf8')) as {
        interactions?: Array<{
          request?: { uri?: string; parsed_body?: unknown };
          response?: { status?: { code?: number } };
        }>;
      };
      (cassette.interactions ?? []).forEach((interaction, index) => {
        const { uri, parsed_body: body } = interaction.request ?? {};
        if (!uri?.replace(/\?.*$/, '').endsWith('/responses')) return;
        if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
        requests.push({
          name: `${folder}/${file}#${index}`,
          body: body as Record<string, unknown>,
          status: interaction.response?.status?.code ?? 200,
        });
      });
    }
  }
  return requests;
}

const requests = recordedRequests();
const MALFORMED = new Set(['test_openai_responses/test_openai_responses_model_http_error.yaml#0']);

describeWithFixtures('Responses decoder against recorded request bodies', () => {
  it('covers the recorded Responses traffic', () => {
    expect(requests.length).toBeGreaterThanOrEqual(150);
    for (const name of MALFORMED) expect(requests.find((request) => request.name === name)?.status).toBe(400);
  });

  // Malformed on purpose (temperature -1), and refused by OpenAI with a 400. Other recorded 400s are
  // the vendor's judgement of a well-formed request (DeepSeek refusing interleaved calls, OpenAI
  // refusing edited reasoning history): AIHub decodes those and lets the upstream judge.
  const refused = requests.filter((request) => MALFORMED.has(request.name));
  it.each(refused.map((request) => [request.name, request.body] as const))(
    '%s (refused upstream too)',
    (_name, body) => {
      expect(() => decodeResponsesRequest(body, { history: [] })).toThrow(expect.objectContaining({ status: 400 }));
    },
  );

  const accepted = requests.filter((request) => !MALFORMED.has(request.name));
  it.each(accepted.map((request) => [request.name, request.body] as const))('%s', (_name, body) => {
    // A store would resolve previous_response_id; an empty history stands in for it.
    const request = decodeResponsesRequest(body, { history: [] });
    expect(request.model).toBe(body.model);
    expect(request.stream).toBe(body.stream === true);
    expect(request.messages.length).toBeGreaterThan(0);
    const functionTools = ((body.tools as Array<{ type: string }> | undefined) ?? []).filter(
      (tool) => tool.type === 'function',
    );
    expect(request.tools?.length ?? 0).toBe(functionTools.length);
  });
});
