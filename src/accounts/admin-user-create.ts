import { randomBytes } from 'node:crypto';
import { appendLedgerEntry } from '../billing/ledger-write.js';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { UserRole } from '../store/schema.js';
import { emailTaken } from './account-errors.js';
import { isUniqueViolation } from './db-errors.js';
import { normalizeEmail } from './email.js';
import { checkPasswordPolicy, hashPassword } from './password.js';
import { cleanDisplayName, cleanGroup } from './user-fields.js';

export interface AdminUserInput {
  email: string;
  /** Absent: one is generated and returned once. */
  password?: string;
  displayName?: string | null;
  role?: UserRole;
  /** Absent: the default group. */
  group?: string;
  /** Units credited as an `adjust` ledger entry in the same transaction; 0/absent: none. */
  initialBalance?: number;
}

export interface AdminUserCreateDeps {
  store: Store;
  defaultGroup: string;
  now: () => number;
  newId: (prefix: string) => string;
}

/** 18 random bytes as base64url: 24 characters, far past the password policy, no look-alike rules needed. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * An administrator adds an account (how people get in while registration is closed). The user
 * row and the initial balance's ledger entry are one transaction: no account without its credit,
 * no credit without its entry. No trial credit: the administrator states the balance. Returns the
 * new id and the password when it was generated here (to show once; it is stored only hashed).
 */
export async function createUserByAdmin(
  deps: AdminUserCreateDeps,
  adminUserId: string,
  input: AdminUserInput,
): Promise<{ userId: string; generatedPassword?: string }> {
  const email = normalizeEmail(input.email);
  const generated = input.password === undefined ? generatePassword() : undefined;
  const password = input.password ?? generated!;
  checkPasswordPolicy(password);
  const group = cleanGroup(input.group ?? deps.defaultGroup);
  const displayName = cleanDisplayName(input.displayName);
  const initialBalance = input.initialBalance ?? 0;
  if (!Number.isSafeInteger(initialBalance) || initialBalance < 0) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'The initial balance is a whole, non-negative number of units (1 unit = 1e-6 USD).',
      param: 'initialBalance',
      code: 'invalid_value',
    });
  }
  const existing = await deps.store.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
  if (existing) throw emailTaken();
  const passwordHash = await hashPassword(password);
  const userId = deps.newId('usr');
  const at = deps.now();
  try {
    await deps.store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({
          id: userId,
          email,
          password_hash: passwordHash,
          display_name: displayName,
          role: input.role ?? 'user',
          group_name: group,
          status: 'active',
          balance: 0,
          reserved: 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      if (initialBalance > 0) {
        await appendLedgerEntry(trx, {
          id: deps.newId('led'),
          userId,
          amount: initialBalance,
          kind: 'adjust',
          reason: { code: 'initial_balance', params: { by: adminUserId } },
          reference: `new:${userId}`,
          createdAt: at,
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  }
  return generated === undefined ? { userId } : { userId, generatedPassword: generated };
}
