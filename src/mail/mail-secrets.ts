import type { SecretBox } from '../channels/secret-box.js';
import type { Store } from '../store/database.js';

/** The secrets of sign-in mail and captcha, set in the console, never read back out by the API. */
export type MailSecretName = 'smtpPassword' | 'turnstileSecretKey';
export const MAIL_SECRET_NAMES: ReadonlyArray<MailSecretName> = ['smtpPassword', 'turnstileSecretKey'];

const ROW_PREFIX = 'secret.';

/**
 * Console-set secrets in the `settings` table (one row each, `secret.<name>`), encrypted with
 * the SecretBox; held decrypted in memory. A value that does not decrypt (another secret key)
 * counts as unset and is reported.
 */
export class MailSecrets {
  private values = new Map<MailSecretName, string>();
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: Store,
    private readonly options: { box: SecretBox; now: () => number; onSecretError?: (error: unknown) => void },
  ) {}

  get(name: MailSecretName): string | undefined {
    return this.values.get(name);
  }

  isSet(name: MailSecretName): boolean {
    return this.values.has(name);
  }

  async load(): Promise<void> {
    const rows = await this.store.db
      .selectFrom('settings')
      .select(['key', 'value'])
      .where(
        'key',
        'in',
        MAIL_SECRET_NAMES.map((name) => ROW_PREFIX + name),
      )
      .execute();
    const values = new Map<MailSecretName, string>();
    for (const row of rows) {
      try {
        const stored = JSON.parse(row.value) as { encrypted?: unknown };
        if (typeof stored.encrypted !== 'string') continue;
        values.set(row.key.slice(ROW_PREFIX.length) as MailSecretName, this.options.box.decrypt(stored.encrypted));
      } catch (error) {
        this.options.onSecretError?.(error);
      }
    }
    this.values = values;
  }

  /** Sets (a string) or clears (null or empty) secrets; absent names stay as they are. */
  async update(changes: Partial<Record<MailSecretName, string | null>>): Promise<void> {
    const at = this.options.now();
    await this.store.db.transaction().execute(async (trx) => {
      for (const name of MAIL_SECRET_NAMES) {
        const value = changes[name];
        if (value === undefined) continue;
        const key = ROW_PREFIX + name;
        if (value === null || value === '') {
          await trx.deleteFrom('settings').where('key', '=', key).execute();
          continue;
        }
        const row = JSON.stringify({ encrypted: this.options.box.encrypt(value) });
        await trx
          .insertInto('settings')
          .values({ key, value: row, updated_at: at })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: row, updated_at: at }))
          .execute();
      }
    });
    await this.load();
    for (const listener of this.listeners) listener();
  }

  /** Local changes (for the config bus to announce to other replicas). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
