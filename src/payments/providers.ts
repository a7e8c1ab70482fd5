/**
 * Every payment provider AIHub can take money through. A provider is one definition here: its
 * configuration (fields, secrets, environment variables), the console's provider page and the
 * routes all derive from the list.
 */
import { epayDefinition } from './epay/epay-provider.js';
import type { PaymentMethod, PaymentProviderDefinition } from './payment-types.js';

export const PAYMENT_PROVIDER_DEFINITIONS: ReadonlyArray<PaymentProviderDefinition> = [
  epayDefinition as unknown as PaymentProviderDefinition,
];

export function providerDefinitionFor(
  method: string,
  definitions: ReadonlyArray<PaymentProviderDefinition> = PAYMENT_PROVIDER_DEFINITIONS,
): PaymentProviderDefinition | undefined {
  return definitions.find((definition) => definition.method === (method as PaymentMethod));
}
