import { headerValue } from '../relay/header-value.js';

/** What Node accepts in a header value (it throws on anything else): tab, visible ASCII, Latin-1. */
const ACCEPTED_HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

/**
 * The relay encodes what it builds from request data (relay-headers.ts); this is the last guard
 * before a response's headers are written, so that no header value, wherever it came from, can
 * make an answer (or an error) fail after the upstream was paid for it: a value Node would refuse
 * is percent-encoded instead. Returns `headers` itself when every value is fine.
 */
export function acceptedHeaders(headers: Record<string, string>): Record<string, string> {
  let accepted = headers;
  for (const [name, value] of Object.entries(headers)) {
    if (ACCEPTED_HEADER_VALUE.test(value)) continue;
    if (accepted === headers) accepted = { ...headers };
    accepted[name] = headerValue(value);
  }
  return accepted;
}
