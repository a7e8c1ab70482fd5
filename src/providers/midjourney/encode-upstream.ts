import type { HttpRequestSpec } from '../provider.js';

/** Where and as whom: a Midjourney proxy's host root and its `mj-api-secret`. */
export interface MjUpstreamTarget {
  baseUrl: string;
  apiKey: string;
  /** Extra headers the operator configured for the channel. */
  headers?: Record<string, string>;
}

/**
 * `POST {base}/mj/submit/<route>` with the client's checked fields (the task id already the
 * upstream's). The proxy's key goes in `mj-api-secret`, as its clients send it.
 */
export function encodeMjSubmit(
  target: MjUpstreamTarget,
  route: string,
  fields: Record<string, unknown>,
): HttpRequestSpec {
  return post(target, `/mj/submit/${route}`, fields);
}

/**
 * `POST {base}/mj/task/list-by-condition` for these upstream ids: one call answers several
 * tasks, and it is the POST the proxy offers besides `GET /mj/task/{id}/fetch`.
 */
export function encodeMjTaskLookup(target: MjUpstreamTarget, upstreamIds: readonly string[]): HttpRequestSpec {
  return post(target, '/mj/task/list-by-condition', { ids: upstreamIds });
}

function post(target: MjUpstreamTarget, path: string, body: unknown): HttpRequestSpec {
  const headers: Record<string, string> = { ...target.headers, 'content-type': 'application/json' };
  if (target.apiKey) headers['mj-api-secret'] = target.apiKey;
  return { method: 'POST', url: `${target.baseUrl.replace(/\/+$/, '')}${path}`, headers, body: JSON.stringify(body) };
}
