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

/** A Python string literal (a JSON string is one: same escapes, double quotes). */
export function pythonString(text: string): string {
  return JSON.stringify(text);
}

/**
 * A single-quoted JavaScript string literal, the house style of the Node snippets: JSON's escapes
 * are JavaScript's, with `"` left bare and `'` escaped instead.
 */
export function jsString(text: string): string {
  const inner = JSON.stringify(text).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'");
  return `'${inner}'`;
}
