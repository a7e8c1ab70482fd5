/**
 * Shapes of the REST API's responses the whole console shares (see GET /api/openapi.json).
 * Money fields are integer units of 1e-6 USD; times are milliseconds since the epoch.
 * Area-specific types live beside their feature (features/<area>/types.ts).
 */

export type UserRole = 'user' | 'admin';

export interface User {
  id: string;
  email: string;
  displayName: string | null;
  role: UserRole;
  group: string;
  status: 'active' | 'disabled';
  balance: number;
  reserved: number;
  hasPassword: boolean;
  rpmLimit: number | null;
  tpmLimit: number | null;
  concurrencyLimit: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface MeResponse {
  user: User;
  via: 'session' | 'api-key';
  csrfToken?: string;
  keyId?: string;
}

export interface SessionResponse {
  user: User;
  csrfToken: string;
}

export interface RegisterResponse extends SessionResponse {
  trialCredit: number;
}

export interface PublicSettings {
  registrationEnabled: boolean;
  trialCredit: number;
}
