/**
 * Every payment provider AIHub can take money through. A provider is one definition here: its
 * configuration (fields, secrets, environment variables), the console's provider page and the
 * routes all derive from the list.
 */
import { alipayDefinition } from './alipay/alipay-provider.js';
import { epayDefinition } from './epay/epay-provider.js';
import type { PaymentMethod, PaymentProviderDefinition } from './payment-types.js';
import { stripeDefinition } from './stripe/stripe-provider.js';

export const PAYMENT_PROVIDER_DEFINITIONS: ReadonlyArray<PaymentProviderDefinition> = [
  listed(stripeDefinition),
  listed(alipayDefinition),
  listed(epayDefinition),
];

/**
 * One list holds definitions of different config types. Sound as long as `create` only ever gets
 * what the definition's own `configSchema` produced, which payment-config.ts guarantees.
 */
function listed<Config extends Record<string, unknown>>(
  definition: PaymentProviderDefinition<Config>,
): PaymentProviderDefinition {
  return definition as unknown as PaymentProviderDefinition;
}

export function providerDefinitionFor(
  method: string,
  definitions: ReadonlyArray<PaymentProviderDefinition> = PAYMENT_PROVIDER_DEFINITIONS,
): PaymentProviderDefinition | undefined {
  return definitions.find((definition) => definition.method === (method as PaymentMethod));
}
