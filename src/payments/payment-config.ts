/**
 * The payment providers in force: each one's configuration from the environment and from the
 * console (the console's value wins, field by field; DESIGN.md §4), and the provider built from
 * it. Console values live in the `settings` table, one row per provider (`payments.provider.<method>`),
 * secret fields encrypted with the SecretBox; a secret is never read back out, only whether it is
 * set and where from. A change applies at once here, and on other replicas through the config bus
 * (`reload`, wired with the operator settings in app.ts).
 */
import type { SecretBox } from '../channels/secret-box.js';
import { GatewayError } from '../ir/index.js';
import { SecretFieldRows, type StoredFields } from '../platform/secret-field-rows.js';
import type { Store } from '../store/database.js';
import type {
  PaymentMethod,
  PaymentProvider,
  PaymentProviderDefinition,
  PaymentProviderDeps,
} from './payment-types.js';
import {
  checkFieldValue,
  configFieldNames,
  envNameOf,
  type FieldSource,
  isSecretField,
  mergeFieldValues,
  parseProviderConfig,
} from './provider-config-fields.js';

const ROW_PREFIX = 'payments.provider.';

export interface ProviderFieldView {
  name: string;
  secret: boolean;
  /** The environment variable that can set it, if any. */
  envName: string | null;
  /** Where its value comes from now; null: unset (its default, if it has one, applies). */
  source: FieldSource | null;
  /** The value, for fields that are not secret; null for secrets and unset fields. */
  value: string | null;
}

export interface ProviderConfigView {
  method: PaymentMethod;
  /** Whether the provider can take payments with what is set. */
  configured: boolean;
  /** Why not, when it cannot (never contains a secret). */
  problem: string | null;
  fields: ProviderFieldView[];
}

export interface PaymentProviderConfigsOptions {
  definitions: ReadonlyArray<PaymentProviderDefinition>;
  env: NodeJS.ProcessEnv;
  box: SecretBox;
  deps: PaymentProviderDeps;
  now: () => number;
  /** A stored secret that does not decrypt (another secret key): the field counts as unset. */
  onSecretError?: (error: unknown, where: { method: string; field: string }) => void;
}

interface ProviderState {
  definition: PaymentProviderDefinition;
  view: ProviderConfigView;
  provider?: PaymentProvider;
}

export class PaymentProviderConfigs {
  private states = new Map<PaymentMethod, ProviderState>();
  private readonly listeners = new Set<() => void>();
  private readonly rows: SecretFieldRows;

  constructor(
    store: Store,
    private readonly options: PaymentProviderConfigsOptions,
  ) {
    this.rows = new SecretFieldRows({
      store,
      box: options.box,
      rowPrefix: ROW_PREFIX,
      onSecretError: (error, method, field) => options.onSecretError?.(error, { method, field }),
    });
    this.states = this.build(new Map());
  }

  /** The provider ready to take payments, or undefined when unknown or not configured. */
  provider(method: string): PaymentProvider | undefined {
    return this.states.get(method as PaymentMethod)?.provider;
  }

  isConfigured(method: string): boolean {
    return this.provider(method) !== undefined;
  }

  views(): ProviderConfigView[] {
    return [...this.states.values()].map((state) => state.view);
  }

  view(method: string): ProviderConfigView {
    const state = this.states.get(method as PaymentMethod);
    if (!state) throw unknownProvider(method);
    return state.view;
  }

  /** Re-reads the console's values (at start, and when another replica changed them). */
  async load(): Promise<void> {
    this.states = this.build(await this.rows.readAll());
  }

  /**
   * Changes the console's values of one provider: a string sets a field, null clears it (the
   * environment's value, if any, applies again), an absent field stays as it is.
   */
  async update(method: string, changes: Record<string, string | null>): Promise<ProviderConfigView> {
    const state = this.states.get(method as PaymentMethod);
    if (!state) throw unknownProvider(method);
    const { definition } = state;
    for (const [name, value] of Object.entries(changes)) {
      if (!configFieldNames(definition).includes(name)) {
        throw new GatewayError({
          kind: 'invalid_request',
          code: 'invalid_field',
          param: `fields.${name}`,
          message: `${method} has no field ${name}.`,
        });
      }
      // Empty text clears the field, like null (an emptied input in the console).
      const problem = value === null || value === '' ? undefined : checkFieldValue(definition, name, value);
      if (problem) {
        throw new GatewayError({
          kind: 'invalid_request',
          code: 'invalid_field',
          param: `fields.${name}`,
          message: problem,
        });
      }
    }
    await this.rows.write(method, changes, (name) => isSecretField(definition, name), this.options.now());
    await this.load();
    for (const listener of this.listeners) listener();
    return this.view(method);
  }

  /** Local changes (for the config bus to announce). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private build(stored: Map<string, StoredFields>): Map<PaymentMethod, ProviderState> {
    const states = new Map<PaymentMethod, ProviderState>();
    for (const definition of this.options.definitions) {
      const consoleValues = this.rows.decrypt(definition.method, stored.get(definition.method) ?? {});
      const values = mergeFieldValues(definition, consoleValues, this.options.env);
      const parsed = parseProviderConfig(definition, values);
      const fields = configFieldNames(definition).map((name): ProviderFieldView => {
        const secret = isSecretField(definition, name);
        const current = values[name];
        return {
          name,
          secret,
          envName: envNameOf(definition, name) ?? null,
          source: current?.source ?? null,
          value: secret || !current ? null : current.value,
        };
      });
      states.set(definition.method, {
        definition,
        view: {
          method: definition.method,
          configured: parsed.ok,
          problem: parsed.ok ? null : parsed.problem,
          fields,
        },
        provider: parsed.ok ? definition.create(parsed.config, this.options.deps) : undefined,
      });
    }
    return states;
  }
}

function unknownProvider(method: string): GatewayError {
  return new GatewayError({
    kind: 'not_found',
    code: 'payment_method_not_found',
    message: `No payment provider ${method}.`,
  });
}
