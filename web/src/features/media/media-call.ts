/**
 * One `/v1` (or `/mj`) call of the media playground with this session's playground key, the same
 * key and renewal the chat uses (credential.ts). The answer's `x-request-id` comes back with it:
 * that id is the request-log row the cost is read from (RequestCost). Errors become ApiError with
 * the server's message, from OpenAI's envelope `{error:{message,code}}` or midjourney-proxy's
 * `{code, description}`; a 401 is a ChatStreamError so withPlaygroundKey renews the key once.
 */
import { ApiError } from '../../lib/api';
import { ChatStreamError } from '../playground/chat-stream';
import { withPlaygroundKey } from '../playground/credential';

export interface MediaAnswer {
  response: Response;
  /** The answer's `x-request-id` (the request-log row), null when absent. */
  requestId: string | null;
}

export interface MediaCallInit {
  method?: 'GET' | 'POST';
  /** A JSON body (sent as application/json) or a multipart form (the browser sets its boundary). */
  json?: unknown;
  form?: FormData;
  signal?: AbortSignal;
}

/** Calls `path` with the playground key; resolves on a 2xx answer (body unread), throws otherwise. */
export async function mediaCall(userId: string, path: string, init: MediaCallInit = {}): Promise<MediaAnswer> {
  return withPlaygroundKey(userId, async (key) => {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    let body: BodyInit | undefined;
    if (init.form) body = init.form;
    else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    const response = await fetch(path, {
      method: init.method ?? (body === undefined ? 'GET' : 'POST'),
      headers,
      body,
      signal: init.signal,
    });
    const requestId = response.headers.get('x-request-id');
    if (!response.ok) throw await answerError(response, requestId);
    return { response, requestId };
  });
}

/** Calls `path` and parses its JSON answer. */
export async function mediaJson<T>(
  userId: string,
  path: string,
  init: MediaCallInit = {},
): Promise<{ body: T; requestId: string | null }> {
  const { response, requestId } = await mediaCall(userId, path, init);
  return { body: (await response.json()) as T, requestId };
}

async function answerError(response: Response, requestId: string | null): Promise<Error> {
  let message = response.statusText || `HTTP ${response.status}`;
  let code: string | null = null;
  let type: string | null = null;
  let param: string | null = null;
  try {
    const parsed = errorFields(await response.json());
    message = parsed.message ?? message;
    code = parsed.code;
    type = parsed.type;
    param = parsed.param;
  } catch {
    // Not JSON: the status says enough.
  }
  if (response.status === 401) return new ChatStreamError(401, code, message, type, param, requestId);
  return new ApiError(response.status, code, message, type, param, requestId);
}

/** The message and code of an error body in either envelope. */
export function errorFields(body: unknown): {
  message: string | null;
  code: string | null;
  type: string | null;
  param: string | null;
} {
  const record = (body ?? {}) as Record<string, unknown>;
  const error = record.error;
  if (error && typeof error === 'object') {
    const fields = error as Record<string, unknown>;
    return {
      message: text(fields.message),
      code: text(fields.code),
      type: text(fields.type),
      param: text(fields.param),
    };
  }
  // midjourney-proxy: {code: 4, description: "..."}
  return { message: text(record.description), code: text(record.code), type: null, param: null };
}

function text(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (typeof value === 'number') return String(value);
  return null;
}
