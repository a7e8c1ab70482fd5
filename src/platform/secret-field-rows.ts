/**
 * The console's values of secret-bearing provider settings (payment providers, sign-in
 * providers): one `settings` row per provider (`<prefix><id>`), a JSON object of fields, each
 * plain text or, for a secret, the SecretBox's ciphertext. Secrets are decrypted only to build the
 * provider, never to show them; what the values mean stays with each kind of provider.
 */
import type { SecretBox } from '../channels/secret-box.js';
import type { Store } from '../store/database.js';

/** One stored field: plain text, or (secret fields) the SecretBox's ciphertext. */
export type StoredField = { value: string } | { encrypted: string };
export type StoredFields = Record<string, StoredField>;

export interface SecretFieldRowsOptions {
  store: Store;
  box: SecretBox;
  /** `payments.provider.`, `oauth.provider.` */
  rowPrefix: string;
  /** A stored secret that does not decrypt (another secret key): the field counts as unset. */
  onSecretError?: (error: unknown, id: string, field: string) => void;
}

export class SecretFieldRows {
  constructor(private readonly options: SecretFieldRowsOptions) {}

  /** Every provider's stored fields, by provider id (a row that is not a JSON object is left out). */
  async readAll(): Promise<Map<string, StoredFields>> {
    const { rowPrefix } = this.options;
    const rows = await this.options.store.db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where('key', 'like', `${rowPrefix}%`)
      .execute();
    const stored = new Map<string, StoredFields>();
    for (const row of rows) {
      const fields = parseStoredFields(row.value);
      if (fields) stored.set(row.key.slice(rowPrefix.length), fields);
    }
    return stored;
  }

  /**
   * Changes one provider's fields in one transaction: a string sets a field (encrypted when
   * `isSecret` says so), null or empty text clears it, an absent (undefined) field stays as it is.
   */
  async write(
    id: string,
    changes: Record<string, string | null | undefined>,
    isSecret: (name: string) => boolean,
    at: number,
  ): Promise<void> {
    const key = `${this.options.rowPrefix}${id}`;
    await this.options.store.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
      const fields = (row && parseStoredFields(row.value)) || {};
      for (const [name, value] of Object.entries(changes)) {
        if (value === undefined) continue;
        if (value === null || value === '') delete fields[name];
        else fields[name] = isSecret(name) ? { encrypted: this.options.box.encrypt(value) } : { value };
      }
      const value = JSON.stringify(fields);
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: at })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
        .execute();
    });
  }

  /** The plain values of one provider's fields; a secret that does not decrypt is left out (and reported). */
  decrypt(id: string, fields: StoredFields): Record<string, string> {
    const values: Record<string, string> = {};
    for (const [name, field] of Object.entries(fields)) {
      if ('value' in field) {
        values[name] = field.value;
        continue;
      }
      try {
        values[name] = this.options.box.decrypt(field.encrypted);
      } catch (error) {
        this.options.onSecretError?.(error, id, name);
      }
    }
    return values;
  }
}

function parseStoredFields(text: string): StoredFields | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    const fields: StoredFields = {};
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      const entry = field as Record<string, unknown> | null;
      if (typeof entry?.value === 'string') fields[name] = { value: entry.value };
      else if (typeof entry?.encrypted === 'string') fields[name] = { encrypted: entry.encrypted };
    }
    return fields;
  } catch {
    // A hand-edited row that is not JSON: nothing from the console for this provider.
    return undefined;
  }
}
