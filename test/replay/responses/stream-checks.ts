/**
 * Reading a Responses event stream back in tests: SSE framing into events, the invariants every
 * stream must hold, and the IR answer a list of stream parts amounts to (to compare a stream's
 * final response with the JSON encoding of the same answer).
 */
import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import type { AssistantContentPart, ChatResult, FinishReason, StreamPart, Usage } from '../../../src/ir/index.js';

export interface ResponsesEvent {
  event: string | undefined;
  data: Record<string, unknown> & { type: string; sequence_number: number };
}

export function parseResponsesSse(text: string): ResponsesEvent[] {
  const events: ResponsesEvent[] = [];
  const parser = createParser({
    onEvent: (event) => events.push({ event: event.event, data: JSON.parse(event.data) as ResponsesEvent['data'] }),
  });
  parser.feed(text);
  return events;
}

/**
 * Sequence numbers 0, 1, 2...; the event name equals the JSON type; created then in_progress first;
 * each item added once and done once with a consistent output index and id; deltas only between
 * them; exactly one terminal event, last, whose output equals the items done.
 */
export function expectValidResponsesStream(events: ResponsesEvent[]): Record<string, unknown> {
  expect(events.map((event) => event.data.sequence_number)).toEqual(events.map((_, index) => index));
  for (const event of events) expect(event.event).toBe(event.data.type);
  expect(events[0]?.data.type).toBe('response.created');
  expect(events[1]?.data.type).toBe('response.in_progress');
  const added = new Map<number, string>();
  const done = new Map<number, Record<string, unknown>>();
  const terminal = ['response.completed', 'response.incomplete', 'response.failed'];
  events.forEach((event, position) => {
    const { data } = event;
    if (terminal.includes(data.type)) expect(position).toBe(events.length - 1);
    if (data.type === 'response.output_item.added') {
      const index = data.output_index as number;
      expect(added.has(index)).toBe(false);
      expect(index).toBe(added.size);
      added.set(index, (data.item as { id: string }).id);
    } else if (data.type === 'response.output_item.done') {
      const index = data.output_index as number;
      expect(added.get(index)).toBe((data.item as { id: string }).id);
      expect(done.has(index)).toBe(false);
      done.set(index, data.item as Record<string, unknown>);
    } else if ('item_id' in data) {
      const index = data.output_index as number;
      expect(added.get(index)).toBe(data.item_id);
      expect(done.has(index)).toBe(false);
    }
  });
  const last = events.at(-1)?.data;
  expect(last && terminal.includes(last.type)).toBe(true);
  const response = last?.response as Record<string, unknown>;
  if (last?.type !== 'response.failed') {
    expect([...done.keys()].sort((a, b) => a - b)).toEqual([...added.keys()]);
    expect(response.output).toEqual([...done.entries()].sort((a, b) => a[0] - b[0]).map(([, item]) => item));
  }
  return response;
}

/** The whole answer a list of stream parts amounts to (choice 0, the only one Responses has), block by block. */
export function resultFromParts(parts: StreamPart[]): ChatResult {
  const content: AssistantContentPart[] = [];
  const calls = new Map<number, Extract<AssistantContentPart, { type: 'tool-call' }>>();
  let usage: Usage | undefined;
  let finishReason: FinishReason = { unified: 'other' };
  for (const part of parts) {
    if ('choice' in part && part.choice !== undefined && part.choice !== 0) continue;
    const last = content.at(-1);
    switch (part.type) {
      case 'text-delta':
        if (last?.type === 'text') last.text += part.delta;
        else content.push({ type: 'text', text: part.delta });
        break;
      case 'refusal-delta':
        if (last?.type === 'refusal') last.text += part.delta;
        else content.push({ type: 'refusal', text: part.delta });
        break;
      case 'reasoning-delta':
        if (last?.type === 'reasoning' && !last.signature && !last.redactedData) last.text += part.delta;
        else content.push({ type: 'reasoning', text: part.delta });
        break;
      case 'reasoning-signature':
        if (last?.type === 'reasoning' && !last.signature && !last.redactedData) last.signature = part.signature;
        else content.push({ type: 'reasoning', text: '', signature: part.signature });
        break;
      case 'reasoning-redacted':
        content.push({ type: 'reasoning', text: '', redactedData: part.data });
        break;
      case 'tool-call-start': {
        const call = { type: 'tool-call' as const, id: part.id, name: part.name, arguments: '' };
        if (part.signature) Object.assign(call, { signature: part.signature });
        calls.set(part.index, call);
        content.push(call);
        break;
      }
      case 'tool-call-delta': {
        const call = calls.get(part.index);
        if (call) call.arguments += part.argumentsDelta;
        break;
      }
      case 'usage':
        usage = part.usage;
        break;
      case 'finish':
        finishReason = part.finishReason;
        break;
      default:
        break;
    }
  }
  const result: ChatResult = { choices: [{ index: 0, content, finishReason }] };
  if (usage) result.usage = usage;
  return result;
}
