import type {
  AssistantContentPart,
  ChatRequest,
  FinishReason,
  GatewayError,
  GeneratedImagePart,
  ReasoningPart,
  StreamPart,
  ToolCallPart,
  Usage,
} from '../../ir/index.js';
import { encodeError } from '../openai/encode-error.js';
import type { ResponseMeta, SurfaceStreamEncoder } from '../surface.js';
import type { ClientToolKind } from './client-run-tools.js';
import {
  encodeOutputItems,
  functionCallItem,
  type ItemStatus,
  imageGenerationItem,
  type MessageContent,
  messageContent,
  messageItem,
  type OutputOptions,
  reasoningItem,
  toolCallItem,
} from './encode-output-items.js';
import { buildResponseObject, outputOptions, type ResponseObjectParts } from './encode-response.js';
import { responseStatus } from './response-status.js';

interface OpenReasoning {
  kind: 'reasoning';
  outputIndex: number;
  id: string;
  part: ReasoningPart;
  summaryOpen: boolean;
}

interface OpenMessage {
  kind: 'message';
  outputIndex: number;
  id: string;
  /** The message's parts as the mirror holds them (text and refusal, in order). */
  parts: Array<TextOrRefusal>;
  /** Whether the last part's `content_part.added` was sent and its `done` not yet. */
  partOpen: boolean;
}

type TextOrRefusal = Extract<AssistantContentPart, { type: 'text' | 'refusal' }>;

interface OpenCall {
  outputIndex: number;
  id: string;
  part: ToolCallPart;
  /** A tool the client declared as `custom` or `local_shell` (its call is that item, not a function_call). */
  kind?: ClientToolKind;
}

/**
 * Turns IR stream parts into the Responses event stream: `response.created` and
 * `response.in_progress` with the first frame, then each output item added, its deltas and done,
 * and `response.completed` / `response.incomplete` (or `error` + `response.failed`) at the end.
 * Every event carries `sequence_number`, from 0.
 *
 * It mirrors the answer as IR content while streaming, and renders the final response from that
 * mirror with the same functions as a JSON answer, so the `response.completed` object equals what
 * `encodeResponse` makes of the same answer, ids included. Only choice 0 is streamed.
 */
export class ResponsesStreamEncoder implements SurfaceStreamEncoder {
  private readonly options: OutputOptions;
  private sequence = 0;
  private opened = false;
  private closed = false;
  private nextOutputIndex = 0;
  private readonly content: AssistantContentPart[] = [];
  private current: OpenReasoning | OpenMessage | undefined;
  private readonly calls = new Map<number, OpenCall>();
  private usage?: Usage;
  private finishReason?: FinishReason;
  private final?: Record<string, unknown>;

  constructor(
    private readonly request: ChatRequest,
    private readonly meta: ResponseMeta,
  ) {
    this.options = outputOptions(request, meta);
  }

  encode(part: StreamPart): string {
    if (this.closed) return '';
    if ('choice' in part && part.choice !== undefined && part.choice !== 0) return '';
    switch (part.type) {
      case 'text-delta':
        return part.delta ? this.messageDelta('text', part.delta) : '';
      case 'refusal-delta':
        return part.delta ? this.messageDelta('refusal', part.delta) : '';
      case 'reasoning-delta':
        return part.delta ? this.reasoningDelta(part.delta) : '';
      case 'reasoning-signature':
        return this.reasoningSignature(part.signature);
      case 'reasoning-redacted':
        return this.reasoningRedacted(part.data);
      case 'tool-call-start':
        return this.callStart(part.index, part.id, part.name, part.signature);
      case 'tool-call-delta':
        return this.callDelta(part.index, part.argumentsDelta);
      case 'tool-call-end':
        return this.callEnd(part.index, 'completed');
      case 'generated-image':
        return this.image(part);
      case 'usage':
        this.usage = part.usage;
        return '';
      case 'finish':
        this.finishReason = part.finishReason;
        return '';
      case 'error':
        return this.error(part.error);
      case 'response-metadata':
      case 'text-signature': // Responses messages have nowhere to carry a text signature.
      case 'logprobs':
        return '';
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }

  end(): string {
    if (this.closed) return '';
    const { status, incomplete_details } = responseStatus(this.finishReason);
    let out = this.open();
    out += this.closeAll(status === 'incomplete');
    this.closed = true;
    this.final = this.responseObject({ status, incompleteDetails: incomplete_details }, status === 'incomplete');
    return (
      out + this.event(status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: this.final })
    );
  }

  /** OpenAI's own order after HTTP 200: an `error` event, then `response.failed`. */
  error(error: GatewayError): string {
    if (this.closed) return '';
    let out = this.open();
    this.closed = true;
    const envelope = encodeError(error).error;
    const code = envelope.code ?? envelope.type;
    // The nested `error` is what OpenAI sends (and what the SDKs throw from); the flat fields are the spec's.
    out += this.event('error', {
      error: envelope,
      code,
      message: envelope.message,
      param: envelope.param,
    });
    this.final = this.responseObject({ status: 'failed', error: { code, message: envelope.message } }, false);
    return out + this.event('response.failed', { response: this.final });
  }

  /** The final response object the client received (completed, incomplete or failed), once the stream ended. */
  completedResponse(): Record<string, unknown> | undefined {
    return this.final;
  }

  /** The same response for the store: reasoning always carries `encrypted_content` (for previous_response_id). */
  storedResponse(): Record<string, unknown> | undefined {
    if (!this.final) return undefined;
    const incomplete = this.final.status === 'incomplete';
    return {
      ...this.final,
      output: encodeOutputItems(this.content, outputOptions(this.request, this.meta, true), incomplete),
    };
  }

  /** The usage reported so far, for billing. */
  get lastUsage(): Usage | undefined {
    return this.usage;
  }

  private responseObject(parts: Omit<ResponseObjectParts, 'output' | 'usage'>, incomplete: boolean) {
    return buildResponseObject(this.request, this.meta, {
      ...parts,
      output: encodeOutputItems(this.content, this.options, incomplete),
      usage: this.usage,
    });
  }

  private open(): string {
    if (this.opened) return '';
    this.opened = true;
    const response = buildResponseObject(this.request, this.meta, { status: 'in_progress', output: [] });
    return this.event('response.created', { response }) + this.event('response.in_progress', { response });
  }

  private messageDelta(type: 'text' | 'refusal', delta: string): string {
    let out = this.open();
    let message = this.current?.kind === 'message' ? this.current : undefined;
    if (!message) {
      out += this.closeCurrent() + this.closeCalls();
      const outputIndex = this.nextOutputIndex++;
      message = {
        kind: 'message',
        outputIndex,
        id: this.options.ids.item('message', outputIndex),
        parts: [],
        partOpen: false,
      };
      this.current = message;
      out += this.event('response.output_item.added', {
        output_index: outputIndex,
        item: messageItem(message.id, [], 'in_progress'),
      });
    }
    let part = message.parts.at(-1);
    if (!part || part.type !== type) {
      out += this.closeMessagePart(message);
      part = { type, text: '' } as TextOrRefusal;
      message.parts.push(part);
      this.content.push(part);
      message.partOpen = true;
      out += this.event('response.content_part.added', {
        ...this.partAddress(message),
        part: type === 'text' ? messageContent({ type, text: '' }) : { type: 'refusal', refusal: '' },
      });
    }
    part.text += delta;
    return (
      out +
      (type === 'text'
        ? this.event('response.output_text.delta', { ...this.partAddress(message), delta, logprobs: [] })
        : this.event('response.refusal.delta', { ...this.partAddress(message), delta }))
    );
  }

  private reasoningDelta(delta: string): string {
    let out = this.open();
    let reasoning = this.current?.kind === 'reasoning' ? this.current : undefined;
    // A signed block is finished: more thinking is a new reasoning item.
    if (!reasoning || reasoning.part.signature || reasoning.part.redactedData) {
      out += this.openReasoning();
      reasoning = this.current as OpenReasoning;
    }
    reasoning.part.text += delta;
    if (!this.options.showReasoningSummary) return out;
    if (!reasoning.summaryOpen) {
      reasoning.summaryOpen = true;
      out += this.event('response.reasoning_summary_part.added', {
        ...this.summaryAddress(reasoning),
        part: { type: 'summary_text', text: '' },
      });
    }
    return out + this.event('response.reasoning_summary_text.delta', { ...this.summaryAddress(reasoning), delta });
  }

  private reasoningSignature(signature: string): string {
    let out = this.open();
    let reasoning = this.current?.kind === 'reasoning' ? this.current : undefined;
    if (!reasoning || reasoning.part.signature || reasoning.part.redactedData) {
      out += this.openReasoning();
      reasoning = this.current as OpenReasoning;
    }
    reasoning.part.signature = signature;
    return out;
  }

  private reasoningRedacted(data: string): string {
    let out = this.open() + this.openReasoning();
    (this.current as OpenReasoning).part.redactedData = data;
    out += this.closeCurrent();
    return out;
  }

  private openReasoning(): string {
    let out = this.closeCurrent() + this.closeCalls();
    const outputIndex = this.nextOutputIndex++;
    const part: ReasoningPart = { type: 'reasoning', text: '' };
    this.content.push(part);
    const id = this.options.ids.item('reasoning', outputIndex);
    this.current = { kind: 'reasoning', outputIndex, id, part, summaryOpen: false };
    out += this.event('response.output_item.added', {
      output_index: outputIndex,
      item: { id, type: 'reasoning', summary: [] },
    });
    return out;
  }

  /** A generated image arrives whole: its item is added, generated and done at once. */
  private image(image: { mediaType: string; data: string; signature?: string }): string {
    const out = this.open() + this.closeCurrent() + this.closeCalls();
    const outputIndex = this.nextOutputIndex++;
    const part: GeneratedImagePart = { type: 'generated-image', mediaType: image.mediaType, data: image.data };
    if (image.signature) part.signature = image.signature;
    this.content.push(part);
    const id = this.options.ids.item('image_generation_call', outputIndex);
    const address = { output_index: outputIndex, item_id: id };
    return (
      out +
      this.event('response.output_item.added', { output_index: outputIndex, item: imageGenerationItem(id, null) }) +
      this.event('response.image_generation_call.in_progress', address) +
      this.event('response.image_generation_call.completed', address) +
      this.event('response.output_item.done', { output_index: outputIndex, item: imageGenerationItem(id, part.data) })
    );
  }

  private callStart(index: number, callId: string, name: string, signature: string | undefined): string {
    let out = this.open() + this.closeCurrent();
    out += this.callEnd(index, 'completed');
    const outputIndex = this.nextOutputIndex++;
    const part: ToolCallPart = { type: 'tool-call', id: callId, name, arguments: '' };
    if (signature) part.signature = signature;
    this.content.push(part);
    const kind = this.options.toolKinds?.get(name);
    const item = toolCallItem(outputIndex, part, '', 'in_progress', this.options);
    const call: OpenCall = { outputIndex, id: item.id as string, part };
    if (kind) call.kind = kind;
    this.calls.set(index, call);
    return out + this.event('response.output_item.added', { output_index: outputIndex, item });
  }

  private callDelta(index: number, delta: string): string {
    const call = this.calls.get(index);
    if (!call || !delta) return '';
    call.part.arguments += delta;
    // A custom tool's input is the `input` string inside these JSON arguments: sent whole at the end.
    if (call.kind) return '';
    return this.event('response.function_call_arguments.delta', {
      item_id: call.id,
      output_index: call.outputIndex,
      delta,
    });
  }

  private callEnd(index: number, status: ItemStatus): string {
    const call = this.calls.get(index);
    if (!call) return '';
    this.calls.delete(index);
    if (call.kind) return this.clientToolCallEnd(call, status);
    const item = functionCallItem(call.id, call.part, call.part.arguments, status, this.options.toolNamespaces);
    return (
      this.event('response.function_call_arguments.done', {
        item_id: call.id,
        output_index: call.outputIndex,
        arguments: item.arguments,
        name: item.name,
      }) + this.event('response.output_item.done', { output_index: call.outputIndex, item })
    );
  }

  /** A `custom_tool_call` ends with its whole input (one delta, then done); a `local_shell_call` with its item. */
  private clientToolCallEnd(call: OpenCall, status: ItemStatus): string {
    const item = toolCallItem(call.outputIndex, call.part, call.part.arguments, status, this.options);
    let out = '';
    if (call.kind === 'custom') {
      const address = { item_id: call.id, output_index: call.outputIndex };
      const input = item.input as string;
      if (input) out += this.event('response.custom_tool_call_input.delta', { ...address, delta: input });
      out += this.event('response.custom_tool_call_input.done', { ...address, input });
    }
    return out + this.event('response.output_item.done', { output_index: call.outputIndex, item });
  }

  /** Closes every open item in output order; a message ending an answer cut short is `incomplete`. */
  private closeAll(incomplete: boolean): string {
    const open: Array<{ outputIndex: number; close: () => string }> = [];
    const current = this.current;
    if (current) {
      const cut = incomplete && current.kind === 'message' && current.outputIndex === this.nextOutputIndex - 1;
      open.push({ outputIndex: current.outputIndex, close: () => this.closeCurrent(cut ? 'incomplete' : 'completed') });
    }
    for (const [index, call] of this.calls) {
      open.push({ outputIndex: call.outputIndex, close: () => this.callEnd(index, 'completed') });
    }
    open.sort((a, b) => a.outputIndex - b.outputIndex);
    return open.map((item) => item.close()).join('');
  }

  private closeCalls(): string {
    return [...this.calls.keys()].map((index) => this.callEnd(index, 'completed')).join('');
  }

  private closeCurrent(status: ItemStatus = 'completed'): string {
    const current = this.current;
    if (!current) return '';
    this.current = undefined;
    if (current.kind === 'reasoning') {
      let out = '';
      if (current.summaryOpen) {
        const text = current.part.text;
        out += this.event('response.reasoning_summary_text.done', { ...this.summaryAddress(current), text });
        out += this.event('response.reasoning_summary_part.done', {
          ...this.summaryAddress(current),
          part: { type: 'summary_text', text },
        });
      }
      return (
        out +
        this.event('response.output_item.done', {
          output_index: current.outputIndex,
          item: reasoningItem(current.id, current.part, this.options),
        })
      );
    }
    const out = this.closeMessagePart(current);
    const content: MessageContent[] = current.parts.map(messageContent);
    return (
      out +
      this.event('response.output_item.done', {
        output_index: current.outputIndex,
        item: messageItem(current.id, content, status),
      })
    );
  }

  private closeMessagePart(message: OpenMessage): string {
    const part = message.parts.at(-1);
    if (!message.partOpen || !part) return '';
    message.partOpen = false;
    const address = this.partAddress(message);
    const done =
      part.type === 'text'
        ? this.event('response.output_text.done', { ...address, text: part.text, logprobs: [] })
        : this.event('response.refusal.done', { ...address, refusal: part.text });
    return done + this.event('response.content_part.done', { ...address, part: messageContent(part) });
  }

  private partAddress(message: OpenMessage) {
    return { item_id: message.id, output_index: message.outputIndex, content_index: message.parts.length - 1 };
  }

  private summaryAddress(reasoning: OpenReasoning) {
    return { item_id: reasoning.id, output_index: reasoning.outputIndex, summary_index: 0 };
  }

  private event(type: string, fields: Record<string, unknown>): string {
    const data = { type, sequence_number: this.sequence++, ...fields };
    return `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
  }
}
