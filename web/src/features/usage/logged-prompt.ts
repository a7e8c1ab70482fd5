export interface LoggedMessage {
  role: string;
  text: string;
}

/** The logged prompt is the request's messages as JSON; show them one by one when it parses. */
export function parseLoggedPrompt(text: string): LoggedMessage[] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  const messages: LoggedMessage[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null || typeof (item as { role?: unknown }).role !== 'string') {
      return undefined;
    }
    const { role, content } = item as { role: string; content?: unknown };
    messages.push({ role, text: contentText(content) });
  }
  return messages;
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) =>
        typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string'
          ? (part as { text: string }).text
          : JSON.stringify(part),
      )
      .join('\n');
  }
  return content === undefined || content === null ? '' : JSON.stringify(content, null, 2);
}
