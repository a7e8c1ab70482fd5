import { GatewayError } from '../ir/index.js';

/** A display name as stored: trimmed, at most 100 characters; blank means none. */
export function cleanDisplayName(name: string | null | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  if (trimmed.length > 100) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'The display name must be at most 100 characters.',
      param: 'displayName',
    });
  }
  return trimmed;
}

/** Group names end up in price rules and channel lists, so they stay plain identifiers. */
export function cleanGroup(group: string): string {
  const trimmed = group.trim();
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(trimmed)) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'A group name is 1-64 letters, digits, dots, dashes or underscores.',
      param: 'group',
    });
  }
  return trimmed;
}
