/**
 * RSA keys as operators paste them from the Alipay console: PEM, or the bare base64 the console's
 * key tool shows (the app's private key as PKCS#8 or PKCS#1, Alipay's public key as SPKI or
 * PKCS#1), with or without line breaks. Parsed once, when the provider is built, so a bad key is a
 * configuration error rather than a failed payment.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export function parseAlipayPrivateKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPrivateKey(trimmed);
  const der = bareBase64(trimmed, 'private key');
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    try {
      return createPrivateKey({ key: der, format: 'der', type });
    } catch {
      // Try the other encoding.
    }
  }
  throw new Error('The Alipay app private key is neither PKCS#8 nor PKCS#1 (PEM or bare base64).');
}

export function parseAlipayPublicKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) return createPublicKey(trimmed);
  const der = bareBase64(trimmed, 'public key');
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      return createPublicKey({ key: der, format: 'der', type });
    } catch {
      // Try the other encoding.
    }
  }
  throw new Error('The Alipay public key is neither SPKI nor PKCS#1 (PEM or bare base64).');
}

function bareBase64(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new Error(`The Alipay ${what} is not PEM or base64.`);
  return Buffer.from(compact, 'base64');
}
