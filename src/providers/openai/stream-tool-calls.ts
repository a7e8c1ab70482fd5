import type { StreamPart } from '../../ir/index.js';
import { asNonEmptyString, asNumber, asObject } from './json.js';

interface ToolCallState {
  /** Position within the choice, from 0, in order of appearance (the IR's `index`). */
  index: number;
  id?: string;
  /** The id came from the vendor (not generated): a different vendor id at the same index is a new call. */
  vendorId: boolean;
  name?: string;
  /** Gemini thought signature (its compat layer: `extra_content.google.thought_signature`). */
  signature?: string;
  started: boolean;
  ended: boolean;
  /** Arguments emitted so far. */
  arguments: string;
  /** Arguments that arrived before the name did. */
  pending: string;
}

/**
 * Tool-call deltas of one choice as start/delta/end parts. OpenAI keys deltas by `index` and sends
 * the id and name once; vendors differ: xAI, Groq and Mistral send a whole call in one delta, Mistral
 * omits `index`, Alibaba repeats `id: ""`, some reuse one index for several calls (a new id means a
 * new call), and some repeat the complete arguments at the end (ignored).
 */
export class ChoiceToolCalls {
  private readonly calls: ToolCallState[] = [];
  private readonly byKey = new Map<string, ToolCallState>();
  private last: ToolCallState | undefined;

  constructor(
    private readonly choice: number,
    private readonly generateId: (prefix: string) => string,
  ) {}

  get count(): number {
    return this.calls.length;
  }

  push(rawCall: unknown, out: StreamPart[]): void {
    const call = asObject(rawCall);
    if (!call) return;
    const fn = asObject(call.function) ?? {};
    const id = asNonEmptyString(call.id);
    const name = asNonEmptyString(fn.name);
    const args =
      typeof fn.arguments === 'string' ? fn.arguments : fn.arguments == null ? '' : JSON.stringify(fn.arguments);

    const state = this.resolve(asNumber(call.index), id);
    if (id && state.id === undefined && !state.started) {
      state.id = id;
      state.vendorId = true;
    }
    if (name && state.name === undefined) state.name = name;
    state.signature ??= asNonEmptyString(asObject(asObject(call.extra_content)?.google)?.thought_signature);
    if (!state.started && state.name !== undefined) this.start(state, out);
    if (args === '') return;
    if (!state.started) state.pending += args;
    else if (!isRepeatOfCompleteArguments(state.arguments, args)) this.emitArguments(state, args, out);
  }

  /** Ends every open call (a call whose name never came is started with an empty name rather than lost). */
  closeAll(out: StreamPart[]): void {
    for (const state of this.calls) {
      if (state.ended) continue;
      if (!state.started) this.start(state, out);
      out.push({ type: 'tool-call-end', choice: this.choice, index: state.index });
      state.ended = true;
    }
  }

  private resolve(vendorIndex: number | undefined, id: string | undefined): ToolCallState {
    let state: ToolCallState | undefined;
    if (vendorIndex !== undefined) {
      state = this.byKey.get(`index:${vendorIndex}`);
      if (state?.vendorId && id && state.id !== id) state = undefined;
    } else if (id) {
      state = this.byKey.get(`id:${id}`);
    } else {
      state = this.last;
    }
    if (!state) {
      state = { index: this.calls.length, vendorId: false, started: false, ended: false, arguments: '', pending: '' };
      this.calls.push(state);
    }
    if (vendorIndex !== undefined) this.byKey.set(`index:${vendorIndex}`, state);
    if (id) this.byKey.set(`id:${id}`, state);
    this.last = state;
    return state;
  }

  private start(state: ToolCallState, out: StreamPart[]): void {
    state.id ??= this.generateId('call_');
    state.started = true;
    const start: Extract<StreamPart, { type: 'tool-call-start' }> = {
      type: 'tool-call-start',
      choice: this.choice,
      index: state.index,
      id: state.id,
      name: state.name ?? '',
    };
    if (state.signature) start.signature = state.signature;
    out.push(start);
    if (state.pending !== '') {
      this.emitArguments(state, state.pending, out);
      state.pending = '';
    }
  }

  private emitArguments(state: ToolCallState, args: string, out: StreamPart[]): void {
    state.arguments += args;
    out.push({ type: 'tool-call-delta', choice: this.choice, index: state.index, argumentsDelta: args });
  }
}

/** A delta equal to the complete JSON already received is a vendor repeating the call, not more input. */
function isRepeatOfCompleteArguments(soFar: string, delta: string): boolean {
  if (soFar === '' || delta !== soFar) return false;
  try {
    JSON.parse(soFar);
    return true;
  } catch {
    return false;
  }
}
