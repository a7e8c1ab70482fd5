/**
 * Clients for the graceful-shutdown tests: many slow streams read to their end (or their cut),
 * and one raw keep-alive connection that pipelines requests behind its stream, the only way a
 * request can still arrive on an open connection once the listener is closed.
 */
import { connect, type Socket } from 'node:net';

export interface StreamOutcome {
  requestId: string;
  status: number;
  /** The answer text the client received (the content deltas joined). */
  text: string;
  /** True when the stream ended with `data: [DONE]`. */
  done: boolean;
  /** True when the connection was cut before the stream's end. */
  cut: boolean;
}

export interface OpenStream {
  /** Resolves once the response headers and the first bytes arrived. */
  started: Promise<void>;
  outcome: Promise<StreamOutcome>;
}

export function chatBody(stream: boolean, prompt = 'tell me a long story'): string {
  return JSON.stringify({
    model: 'gpt-4.1-mini',
    stream,
    max_tokens: 200,
    messages: [{ role: 'user', content: prompt }],
  });
}

/** Opens one streamed chat completion through fetch and reads it to its end or its cut. */
export function openStream(origin: string, key: string): OpenStream {
  let markStarted: () => void = () => {};
  let failStarted: (error: unknown) => void = () => {};
  const started = new Promise<void>((resolve, reject) => {
    markStarted = resolve;
    failStarted = reject;
  });
  const outcome = (async (): Promise<StreamOutcome> => {
    const response = await fetch(`${origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: chatBody(true),
    }).catch((error: unknown) => {
      failStarted(error);
      throw error;
    });
    const requestId = response.headers.get('x-request-id') ?? '';
    const reader = response.body?.getReader();
    const decoder = new TextDecoder();
    let raw = '';
    let cut = false;
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) break;
        raw += decoder.decode(chunk.value, { stream: true });
        markStarted();
      }
    } catch {
      cut = true;
    }
    markStarted();
    return { requestId, status: response.status, text: deltas(raw), done: raw.includes('data: [DONE]'), cut };
  })();
  return { started, outcome };
}

/** The content deltas of an OpenAI SSE stream, joined. */
export function deltas(raw: string): string {
  let text = '';
  for (const line of raw.split('\n')) {
    if (!line.startsWith('data: {')) continue;
    const event = JSON.parse(line.slice(6)) as { choices?: Array<{ delta?: { content?: string } }> };
    text += event.choices?.[0]?.delta?.content ?? '';
  }
  return text;
}

/** A raw HTTP/1.1 keep-alive connection: everything it receives, and when it closes. */
export interface RawConnection {
  socket: Socket;
  received: () => string;
  /** Resolves once `text` has arrived. */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  closed: Promise<void>;
  send(request: string): void;
}

export async function openRawConnection(origin: string): Promise<RawConnection> {
  const { hostname, port } = new URL(origin);
  const socket = connect(Number(port), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = '';
  const listeners = new Set<() => void>();
  socket.on('data', (chunk) => {
    received += chunk.toString('utf8');
    for (const listener of listeners) listener();
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    received: () => received,
    closed,
    send: (request) => socket.write(request),
    waitFor(text, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`never received ${text}:\n${received}`)), timeoutMs);
        const check = () => {
          if (!received.includes(text)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** An HTTP/1.1 request as written on the wire (keep-alive, the default). */
export function rawRequest(method: string, path: string, headers: Record<string, string>, body = ''): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'host: localhost'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (body) lines.push(`content-length: ${Buffer.byteLength(body)}`);
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}
