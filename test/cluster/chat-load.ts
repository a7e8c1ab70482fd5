/**
 * Steady chat load as users make it: several clients of the official `openai` package, with its
 * default retries (it retries connection errors and 5xx, honouring `retry-after`), each sending
 * streamed and plain chat completions one after another until told to stop. Every request's end
 * as the client saw it is kept, and every HTTP attempt the package made, retries included.
 */
import OpenAI from 'openai';

export interface ChatOutcome {
  stream: boolean;
  /** The gateway's request id (x-request-id) of the attempt that answered. */
  requestId: string;
  /** The answer text the client received (a stream's deltas joined). */
  text: string;
  /** Set when the client gave up: what it threw. */
  error?: string;
}

export interface Attempt {
  /** The HTTP status, or the error's name when the connection failed. */
  status: number | string;
  /** The gateway's error code, for an error answer. */
  code?: string;
}

export interface ChatLoad {
  outcomes: ChatOutcome[];
  attempts: Attempt[];
  /** Sends one streamed completion through `baseURL` and reads it to its end. */
  streamOnce(baseURL: string, onFirstChunk?: () => void): Promise<ChatOutcome>;
  /** Stops the clients after their current request and resolves once all have. */
  stop(): Promise<void>;
}

export interface ChatLoadOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  clients: number;
  /** Asks for a streamed answer (the rest are plain). */
  isStream: (requestNumber: number) => boolean;
  prompt: string;
}

export function startChatLoad(options: ChatLoadOptions): ChatLoad {
  const outcomes: ChatOutcome[] = [];
  const attempts: Attempt[] = [];
  let stopped = false;

  /** The global fetch (so its connection pool is the one users get), with every attempt recorded. */
  const recordingFetch: typeof fetch = async (input, init) => {
    try {
      const response = await fetch(input, init);
      const attempt: Attempt = { status: response.status };
      if (response.status >= 400) {
        const body = (await response
          .clone()
          .json()
          .catch(() => undefined)) as { error?: { code?: string } } | undefined;
        if (body?.error?.code) attempt.code = body.error.code;
      }
      attempts.push(attempt);
      return response;
    } catch (error) {
      attempts.push({ status: error instanceof Error ? `${error.name}: ${causeCode(error)}` : 'error' });
      throw error;
    }
  };

  const clientFor = (baseURL: string) => new OpenAI({ baseURL, apiKey: options.apiKey, fetch: recordingFetch });
  const balanced = clientFor(options.baseURL);
  const messages = [{ role: 'user' as const, content: options.prompt }];

  async function streamOnce(baseURL: string, onFirstChunk?: () => void): Promise<ChatOutcome> {
    const client = baseURL === options.baseURL ? balanced : clientFor(baseURL);
    const outcome: ChatOutcome = { stream: true, requestId: '', text: '' };
    try {
      const { data, response } = await client.chat.completions
        .create({ model: options.model, messages, max_tokens: 200, stream: true })
        .withResponse();
      outcome.requestId = response.headers.get('x-request-id') ?? '';
      for await (const chunk of data) {
        outcome.text += chunk.choices[0]?.delta?.content ?? '';
        onFirstChunk?.();
      }
    } catch (error) {
      outcome.error = describeError(error);
    }
    outcomes.push(outcome);
    return outcome;
  }

  async function completeOnce(): Promise<ChatOutcome> {
    const outcome: ChatOutcome = { stream: false, requestId: '', text: '' };
    try {
      const { data, response } = await balanced.chat.completions
        .create({ model: options.model, messages, max_tokens: 200 })
        .withResponse();
      outcome.requestId = response.headers.get('x-request-id') ?? '';
      outcome.text = data.choices[0]?.message.content ?? '';
    } catch (error) {
      outcome.error = describeError(error);
    }
    outcomes.push(outcome);
    return outcome;
  }

  const clients = Array.from({ length: options.clients }, async (_, client) => {
    // Each client starts at another point of the stream/plain pattern, so streams overlap.
    for (let request = client; !stopped; request++) {
      if (options.isStream(request)) await streamOnce(options.baseURL);
      else await completeOnce();
    }
  });

  return {
    outcomes,
    attempts,
    streamOnce,
    async stop() {
      stopped = true;
      await Promise.all(clients);
    },
  };
}

function causeCode(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}

function describeError(error: unknown): string {
  if (error instanceof OpenAI.APIError) return `${error.status ?? ''} ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message} (${causeCode(error)})` : String(error);
}
