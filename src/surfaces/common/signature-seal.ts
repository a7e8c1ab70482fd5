/**
 * Reasoning signatures (Anthropic thinking signatures, Gemini thought signatures) mean something
 * only to the vendor that issued them, and must come back unchanged on the next turn. A client of
 * one surface may be served by another vendor's model, and it returns whatever opaque string it
 * was given in the field its own API has for it. So a signature issued by a vendor other than the
 * surface's own is sealed with its issuer's name, and opened again when the client sends it back:
 * the provider then replays it to its issuer and drops it elsewhere (a signature sent to the wrong
 * vendor is an error there). A signature from the surface's own vendor is left as is, so same-vendor
 * traffic stays byte-identical.
 *
 * `aihub.v1.<issuer>.<signature>`: vendor names are [a-z0-9-], and base64 has no `.` issue here
 * because only the first three dots delimit.
 */
const PREFIX = 'aihub.v1.';

export function sealSignature(native: string, issuer: string | undefined, signature: string): string {
  if (!issuer || issuer === native) return signature;
  return `${PREFIX}${issuer}.${signature}`;
}

/** The signature and its issuer; an unsealed one is the surface's own vendor's. */
export function openSignature(native: string, sealed: string): { signature: string; issuer: string } {
  if (!sealed.startsWith(PREFIX)) return { signature: sealed, issuer: native };
  const rest = sealed.slice(PREFIX.length);
  const dot = rest.indexOf('.');
  if (dot <= 0 || !/^[a-z0-9-]+$/.test(rest.slice(0, dot))) return { signature: sealed, issuer: native };
  return { issuer: rest.slice(0, dot), signature: rest.slice(dot + 1) };
}
