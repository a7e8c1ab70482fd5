import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

const run = promisify(execFile);
let gateway: Gateway;

beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway?.close());

/** The seed example from the issue, verbatim apart from host and key (python3's standard library only). */
function seedExample(port: string, model: string, stream: boolean): string {
  return `
import http.client
import json

conn = http.client.HTTPConnection("127.0.0.1", ${port})
payload = json.dumps({
    "model": "${model}",
    "messages": [{"role": "user", "content": "Hello!"}],
    "temperature": 0.7,
    "stream": ${stream ? 'True' : 'False'}
})
headers = {
    'Authorization': 'Bearer ${ADMIN_KEY}',
}
conn.request("POST", "/v1/chat/completions", payload, headers)
res = conn.getresponse()
data = res.read()
print(res.status)
print(data.decode("utf-8"))
`;
}

describe('python3 http.client', () => {
  it.each(['gpt-4.1-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash-lite'])(
    'runs the seed example against %s',
    async (model) => {
      const port = new URL(gateway.origin).port;
      const { stdout } = await run('python3', ['-c', seedExample(port, model, false)]);
      const [status, ...body] = stdout.trim().split('\n');
      expect(status).toBe('200');
      const completion = JSON.parse(body.join('\n'));
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0].message.content).toContain('Hello!');
    },
  );

  it('streams with the same code and stream: True', async () => {
    const port = new URL(gateway.origin).port;
    const { stdout } = await run('python3', ['-c', seedExample(port, 'claude-sonnet-4-5', true)]);
    const [status, ...body] = stdout.trim().split('\n');
    expect(status).toBe('200');
    const text = body.join('\n');
    expect(text).toContain('"object":"chat.completion.chunk"');
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });
});
