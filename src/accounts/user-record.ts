import type { Selectable } from 'kysely';
import type { UserRole, UserStatus, UsersTable } from '../store/schema.js';

/** A user as the services and the API show it: never the password hash. */
export interface User {
  id: string;
  email: string;
  displayName: string | null;
  role: UserRole;
  group: string;
  status: UserStatus;
  /** Settled balance in units (1e-6 USD); equals the sum of the user's ledger entries. */
  balance: number;
  /** Open reservations in units. */
  reserved: number;
  /** False for accounts that cannot log in with a password (the bootstrap admin until one is set). */
  hasPassword: boolean;
  /** Whether the user confirmed their email address (existing and operator-made accounts count as confirmed). */
  emailVerified: boolean;
  rpmLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  createdAt: number;
  updatedAt: number;
}

export type UserRow = Selectable<UsersTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    group: row.group_name,
    status: row.status,
    balance: Number(row.balance),
    reserved: Number(row.reserved),
    hasPassword: row.password_hash !== null,
    emailVerified: row.email_verified_at !== null,
    rpmLimit: row.rpm_limit === null ? null : Number(row.rpm_limit),
    tpmLimit: row.tpm_limit === null ? null : Number(row.tpm_limit),
    concurrencyLimit: row.concurrency_limit === null ? null : Number(row.concurrency_limit),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The id, email and role of the administrator every installation has (its key is AIHUB_ADMIN_KEY). */
export const BOOTSTRAP_ADMIN_ID = 'usr_admin';
export const BOOTSTRAP_ADMIN_EMAIL = 'admin@aihub.local';
