import type { ChatRequest, StreamPart, Usage } from '../ir/index.js';

/**
 * Mid-stream continuation (an operator switch, `streamContinuation`): when a translated stream
 * breaks after some text and before its end, the relay asks another channel to continue it, by
 * sending the text already delivered as a prefill (a last assistant message), and streams what
 * follows into the same answer. The client sees one uninterrupted stream; it is charged for the
 * prompt once and for the output of both channels (the prompt sent again with the prefix is the
 * operator's). Pure pieces here; stream-relay.ts does the streaming, attempt-loop.ts the routing.
 *
 * Only a stream that delivered nothing but text on its only choice can be continued: a tool call
 * in flight, reasoning (whose signature cannot be forged), a refusal, an image or several choices
 * end it as before. So does a finish already delivered. The continuation goes to a channel of the
 * same upstream model whose vendor continues a prefill (Provider.continuesPrefill).
 */

/**
 * Watches a stream's parts for whether it may be continued. The text to continue from is the
 * delivery meter's (which keeps exactly the delivered text while nothing but text was delivered),
 * so it is not kept twice.
 */
export class ContinuationWatch {
  private continuable = true;
  /** Output tokens the upstream reported so far (a partial usage), if any. */
  reportedOutput = 0;

  /** Takes note of a part the client is sent, and returns it. */
  observe(part: StreamPart): StreamPart {
    switch (part.type) {
      case 'text-delta':
        if ((part.choice ?? 0) !== 0) this.continuable = false;
        break;
      case 'usage':
        this.reportedOutput = part.usage.outputTokens.total ?? this.reportedOutput;
        break;
      case 'response-metadata':
      case 'logprobs':
        break;
      default:
        // A finish, a tool call, reasoning, a refusal, an image, a signature: nothing to continue.
        this.continuable = false;
    }
    return part;
  }

  /**
   * The delivered text (`meter.text`) when the stream may be continued from it, else undefined:
   * also when the meter kept only part of it (a very long answer).
   */
  prefix(delivered: { kept: string; extraChars: number }): string | undefined {
    if (!this.continuable || delivered.extraChars > 0) return undefined;
    return delivered.kept.trim() === '' ? undefined : delivered.kept;
  }
}

/**
 * The request that continues `prefix`: the conversation with the prefix as the last assistant
 * message, its trailing white space left out (Anthropic refuses a prefill that ends with any; the
 * continuation writes it again, and `resumeAfter` drops it), and the output limit less what was
 * delivered.
 */
export function continuationRequest(request: ChatRequest, prefix: string, deliveredTokens: number): ChatRequest {
  const continued: ChatRequest = {
    ...request,
    messages: [...request.messages, { role: 'assistant', content: [{ type: 'text', text: prefix.trimEnd() }] }],
  };
  if (request.maxOutputTokens !== undefined) {
    continued.maxOutputTokens = Math.max(1, request.maxOutputTokens - deliveredTokens);
  }
  return continued;
}

/**
 * Drops, from the start of the continuation's text, the white space the prefix ended with and the
 * client already has. Returns the text to deliver and the white space still to drop.
 */
export function resumeAfter(delta: string, pendingSpace: string): { delta: string; pendingSpace: string } {
  let skip = 0;
  while (skip < delta.length && skip < pendingSpace.length && /\s/.test(delta[skip] as string)) skip++;
  const rest = delta.slice(skip);
  // Anything that is not white space ends the dropping: the model went on without it.
  return { delta: rest, pendingSpace: rest === '' ? pendingSpace.slice(skip) : '' };
}

/**
 * The answer's usage from the continuation's: its input less the prefix it was sent (the client's
 * prompt, counted once), its output plus what the broken stream delivered before.
 */
export function continuedUsage(continuation: Usage, prefixTokens: number, deliveredTokens: number): Usage {
  const input = { ...continuation.inputTokens };
  if (input.total !== undefined) input.total = Math.max(0, input.total - prefixTokens);
  if (input.noCache !== undefined) input.noCache = Math.max(0, input.noCache - prefixTokens);
  const output = { ...continuation.outputTokens };
  output.total = (output.total ?? 0) + deliveredTokens;
  if (output.text !== undefined) output.text += deliveredTokens;
  const usage: Usage = { ...continuation, inputTokens: input, outputTokens: output };
  delete usage.raw;
  return usage;
}
