/**
 * Server-sent events of a whole answer body, split as a client's SSE parser would (blank-line
 * separated, `event:` and `data:` fields, `\r\n` or `\n`), with each event's data parsed as JSON.
 */

export interface ParsedEvent {
  /** The `event:` field; undefined when the event has none. */
  name?: string;
  /** The joined `data:` lines. */
  data: string;
  /** The data as JSON; undefined when it does not parse (or is `[DONE]`). */
  json?: unknown;
}

export function parseSse(body: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  for (const block of body.split(/\r?\n\r?\n/)) {
    let name: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (name === undefined && data.length === 0) continue;
    const text = data.join('\n');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    events.push({ name, data: text, json });
  }
  return events;
}
