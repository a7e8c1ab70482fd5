/**
 * Header values built from what a client or an upstream sent (an unknown field's name, a model
 * name): Node refuses any character outside Latin-1 or any control character in a header and
 * throws, and a huge value breaks the client's parser (16 KB of headers in Node and undici). So
 * such values are percent-encoded (UTF-8) and bounded; `decodeURIComponent` reads them back.
 */

/** Longest value one such header may take, in characters (after encoding). */
export const MAX_HEADER_VALUE_CHARS = 1_024;

/** The element that ends a list that had to be cut: `*` is always percent-encoded inside names. */
export const MORE_ITEMS_MARK = '*';

/** Visible ASCII except `%` (the escape itself): what passes unchanged in a single value. */
const PLAIN_VALUE = /^[\x21-\x24\x26-\x7e]*$/;
/** The same without `,` (the list separator) and `*` (the mark of a cut list), for list items. */
const PLAIN_ITEM = /^[\x21-\x24\x26-\x29\x2b\x2d-\x7e]*$/;

/** One value, percent-encoded where needed and cut to MAX_HEADER_VALUE_CHARS (at a character). */
export function headerValue(text: string): string {
  if (PLAIN_VALUE.test(text)) return text.slice(0, MAX_HEADER_VALUE_CHARS);
  return percentEncode(text, '', MAX_HEADER_VALUE_CHARS);
}

/**
 * A comma-separated list, each item percent-encoded where needed (`,` and `*` included). Items
 * that do not fit in MAX_HEADER_VALUE_CHARS are left out, and the list then ends with `*`.
 */
export function headerList(items: readonly string[]): string {
  let out = '';
  for (const [index, item] of items.entries()) {
    const encoded = PLAIN_ITEM.test(item) ? item : percentEncode(item, ',*');
    const next = index === 0 ? encoded : `${out},${encoded}`;
    if (next.length + 2 > MAX_HEADER_VALUE_CHARS) return index === 0 ? MORE_ITEMS_MARK : `${out},${MORE_ITEMS_MARK}`;
    out = next;
  }
  return out;
}

/**
 * Percent-encodes every UTF-8 byte that is not visible ASCII, `%`, or one of `also`, stopping
 * before the character that would pass `max`. A lone surrogate (valid in JSON, not in UTF-8)
 * becomes U+FFFD rather than throwing as `encodeURIComponent` would.
 */
function percentEncode(text: string, also: string, max = Number.POSITIVE_INFINITY): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    let piece = char;
    if (char.length > 1 || code <= 0x20 || code >= 0x7f || char === '%' || also.includes(char)) {
      piece = '';
      for (const byte of Buffer.from(char, 'utf8')) piece += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    if (out.length + piece.length > max) break;
    out += piece;
  }
  return out;
}
