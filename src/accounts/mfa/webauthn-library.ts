/**
 * @simplewebauthn/server, loaded on the first passkey ceremony: it and its ASN.1 and COSE
 * dependencies held ~13 MB of heap in every process, while most gateways never see a passkey
 * (measured: heap used 22 → 35 MB importing it beside the relay's own libraries, issue 17).
 */
let loading: Promise<typeof import('@simplewebauthn/server')> | undefined;

export function webAuthn(): Promise<typeof import('@simplewebauthn/server')> {
  loading ??= import('@simplewebauthn/server');
  return loading;
}
