/**
 * Two findings of issue 11 that other changes fix, kept here as the fuzz cases that hit them. While
 * a fix is pending (`KNOWN_FINDINGS_FIXED` in fuzz-config.ts), its test shows the finding still
 * reproduces and the generators leave the case out of the main fuzz; once the fix is merged, set
 * the flag: the test then requires every answer to be right, and the generators send the case too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import { answerProblems } from './answer-checks.js';
import { HOSTILE_NESTING_DEPTH, KNOWN_FINDINGS_FIXED } from './fuzz-config.js';
import { FuzzWorld } from './fuzz-world.js';
import { nestedText } from './json-text.js';

const world = await FuzzWorld.start();
afterAll(() => world.close());

const VENDORS = ['openai', 'anthropic', 'gemini'];

/** Fixed: no failure may remain. Pending: the finding must still reproduce (else flip the flag). */
function expectFixed(fixed: boolean, failures: string[]): void {
  if (fixed) expect(failures).toEqual([]);
  else
    expect(failures.length, 'this finding no longer reproduces: set its KNOWN_FINDINGS_FIXED flag').toBeGreaterThan(0);
}
const state = (fixed: boolean) => (fixed ? '' : ' [fix pending: shows it still fails]');

async function chat(body: string, headers: Record<string, string> = {}) {
  return world.send({
    method: 'POST',
    target: '/v1/chat/completions',
    headers: { ...world.headersOf('user-key'), 'content-type': 'application/json', ...headers },
    payload: body,
  });
}

describe('known findings of issue 11, fixed elsewhere', () => {
  it(`JSON nested ${HOSTILE_NESTING_DEPTH.toLocaleString('en')} deep is a 400 on every JSON route${state(KNOWN_FINDINGS_FIXED.deepNesting)}`, async () => {
    const deep = nestedText(HOSTILE_NESTING_DEPTH, 'object');
    const failures: string[] = [];
    const expect400 = (what: string, answer: Awaited<ReturnType<typeof chat>>) => {
      const problems = answerProblems(answer);
      if (answer.status !== 400 || problems.length > 0)
        failures.push(`${what}: ${answer.status} ${problems.join('; ')}`);
    };
    for (const vendor of VENDORS) {
      const start = `{"model":"${world.modelOf(vendor)}","messages":[{"role":"user","content":"hi"}]`;
      const tools = `,"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":${deep}}}}]}`;
      expect400(`${vendor}: tools[].function.parameters`, await chat(start + tools));
      const schema = `,"response_format":{"type":"json_schema","json_schema":{"name":"x","schema":${deep}}}}`;
      expect400(`${vendor}: response_format.json_schema.schema`, await chat(start + schema));
      expect400(
        `${vendor}: any field, response cache on`,
        await chat(`${start},"note":${deep}}`, { 'x-aihub-cache': 'on' }),
      );
    }
    for (const route of (await world.routes()).filter(
      (each) => each.path.startsWith('/api/') && each.method !== 'GET',
    )) {
      const answer = await world.send({
        method: route.method,
        target: route.path.replace(/:[A-Za-z]+/g, 'x'),
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        payload: `{"note":${deep}}`,
      });
      expect400(`${route.method} ${route.path}`, answer);
    }
    expectFixed(KNOWN_FINDINGS_FIXED.deepNesting, failures);
  }, 120_000);

  it(`an unknown /v1 field named 备注, 🙂 or with a control character is never a 5xx, for any vendor${state(KNOWN_FINDINGS_FIXED.nonLatin1FieldNames)}`, async () => {
    const failures: string[] = [];
    for (const vendor of VENDORS) {
      for (const name of ['备注', '🙂', 'a\u0001b', '\u0000', '\u202e']) {
        const body = JSON.stringify({
          model: world.modelOf(vendor),
          messages: [{ role: 'user', content: 'hi' }],
          [name]: 1,
        });
        const answer = await chat(body);
        const problems = answerProblems(answer);
        if (problems.length > 0) failures.push(`${vendor} ${JSON.stringify(name)}: ${problems.join('; ')}`);
      }
    }
    expectFixed(KNOWN_FINDINGS_FIXED.nonLatin1FieldNames, failures);
  }, 60_000);
});
