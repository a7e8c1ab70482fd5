import { Algorithm, hash, verify } from '@node-rs/argon2';
import { GatewayError } from '../ir/index.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * argon2id at OWASP's recommended floor (19 MiB, 2 passes, 1 lane): ~20-40 ms per hash on this
 * class of machine, which keeps logins responsive while making offline guessing expensive.
 * The parameters travel inside the PHC string, so raising them later keeps old hashes valid.
 */
const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Throws a 400 naming `param` unless the password is 8-256 characters (counted as code points). */
export function checkPasswordPolicy(password: string, param = 'password'): void {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `The password must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters long.`,
      param,
      code: 'invalid_password',
    });
  }
}

/** Validates the policy, then returns the argon2id PHC string to store. */
export async function hashPassword(password: string, param = 'password'): Promise<string> {
  checkPasswordPolicy(password, param);
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * True when `password` matches `stored`. argon2's own comparison is constant-time. When there is
 * no stored hash (unknown email, or an account without a password) we still run one argon2
 * verification against a throw-away hash, so the response time does not reveal which emails exist.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  // Over-long input is refused before hashing: argon2 cost grows with it, and no stored password is that long.
  const tooLong = password.length > PASSWORD_MAX_LENGTH * 4;
  if (!stored || tooLong) {
    dummyHash ??= hash('aihub-timing-equaliser', ARGON2_OPTIONS);
    await verify(await dummyHash, tooLong ? '' : password).catch(() => false);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash (hand-edited row) must not turn into a 500 or a login.
    return false;
  }
}
