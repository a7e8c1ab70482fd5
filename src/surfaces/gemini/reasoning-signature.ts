import type { ReasoningPart } from '../../ir/index.js';
import { openSignature, sealSignature } from '../common/signature-seal.js';

/**
 * A Gemini client keeps reasoning only as `thought` parts with a `thoughtSignature`, and sends them
 * back unchanged. An answer served by another vendor carries that vendor's reasoning signature
 * there, sealed with the issuer's name (signature-seal.ts). Anthropic's redacted thinking has no
 * text and no signature, only opaque data: it rides in the same field, sealed under the pseudo
 * issuer `anthropic-redacted`, so it comes back as redacted data, not as a signature.
 */
const REDACTED_SUFFIX = '-redacted';

/** The `thoughtSignature` for a reasoning part, or undefined when it carries nothing to replay. */
export function sealReasoningSignature(part: ReasoningPart, servedBy: string): string | undefined {
  const issuer = part.signatureProvider ?? servedBy;
  if (part.redactedData !== undefined) {
    return sealSignature('gemini', `${issuer}${REDACTED_SUFFIX}`, part.redactedData);
  }
  return part.signature ? sealSignature('gemini', issuer, part.signature) : undefined;
}

/** A thought part's signature back into the reasoning part's fields. */
export function openReasoningSignature(
  sealed: string,
): Pick<ReasoningPart, 'signature' | 'signatureProvider' | 'redactedData'> {
  const { signature, issuer } = openSignature('gemini', sealed);
  if (issuer.endsWith(REDACTED_SUFFIX)) {
    return { redactedData: signature, signatureProvider: issuer.slice(0, -REDACTED_SUFFIX.length) };
  }
  return { signature, signatureProvider: issuer };
}
