/**
 * `.dockerignore` as Docker reads it: patterns relative to the context's root, `*` and `?` within
 * one path segment, `**` across segments, `!` re-including; a path is excluded when the last
 * pattern that matches it, or one of its parent directories, is not a `!` pattern.
 */

interface IgnorePattern {
  negated: boolean;
  matcher: RegExp;
}

export type IgnoreMatcher = (relativePath: string) => boolean;

export function parseDockerignore(text: string): IgnoreMatcher {
  const patterns: IgnorePattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let pattern = raw.trim();
    if (pattern === '' || pattern.startsWith('#')) continue;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1).trim();
    pattern = pattern.replace(/^\/+/, '').replace(/\/+$/, '');
    patterns.push({ negated, matcher: globToRegExp(pattern) });
  }
  return (relativePath) => {
    const segments = relativePath.split('/');
    const candidates = segments.map((_, index) => segments.slice(0, index + 1).join('/'));
    let excluded = false;
    for (const pattern of patterns) {
      if (candidates.some((candidate) => pattern.matcher.test(candidate))) excluded = !pattern.negated;
    }
    return excluded;
  };
}

function globToRegExp(pattern: string): RegExp {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index]!;
    if (char === '*' && pattern[index + 1] === '*') {
      // `**/` matches zero or more directories; a trailing `**` matches everything below.
      if (pattern[index + 2] === '/') {
        source += '(?:.*/)?';
        index += 2;
      } else {
        source += '.*';
        index += 1;
      }
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}
