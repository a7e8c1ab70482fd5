/**
 * Where a provider reaches this server (the same paths as the server's payment-urls.ts): under
 * the operator's public URL when set, else the console's own origin. Pure.
 */
export function paymentBaseUrl(publicBaseUrl: string | undefined, origin: string): string {
  return (publicBaseUrl?.trim() || origin).replace(/\/+$/, '');
}

export function providerUrls(base: string, method: string): { notifyUrl: string; returnUrl: string } {
  const path = `${base}/api/payments/${encodeURIComponent(method)}`;
  return { notifyUrl: `${path}/notify`, returnUrl: `${path}/return` };
}
