/**
 * HTTP requests each on a connection of its own. The cluster primary hands connections to its
 * workers in turn, so requests on fresh connections are spread over every worker; keep-alive
 * reuse could send a whole test to one worker and prove nothing about sharing.
 */
import { request } from 'node:http';

export interface FreshResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function freshRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<FreshResponse> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: options.method ?? (body ? 'POST' : 'GET'),
        agent: false,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers, connection: 'close' },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => {
          text += chunk;
        });
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text }));
        incoming.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export function chatBody(content = 'go', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-4.1-mini', max_tokens: 200, messages: [{ role: 'user', content }], ...extra };
}
