/**
 * Literals for the languages the recipes are written in. A pasted key or an operator's URL may hold
 * any character: each value goes into its file as a literal of that file's language, so a recipe
 * never breaks (or runs something) because of a quote, a `$`, a backslash or a newline.
 */

/** One POSIX shell word: single quotes, with each `'` closed, escaped and reopened. */
export function shellWord(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A TOML basic string. JSON's escapes are TOML's (`\"`, `\\`, `\n`, `\uXXXX`), except that TOML
 * also forbids a raw DEL (U+007F), which JSON leaves as is.
 */
export function tomlString(text: string): string {
  return JSON.stringify(text).replaceAll('\u007f', '\\u007F');
}

/** A Python or JavaScript string literal (a JSON string is both). */
export function codeString(text: string): string {
  return JSON.stringify(text);
}
