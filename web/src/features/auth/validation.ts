/** The same rules as the server (src/accounts/email.ts, password.ts), checked before sending. */
export const PASSWORD_MIN_LENGTH = 8;

export function emailProblem(email: string): 'emailRequired' | 'emailInvalid' | undefined {
  if (!email.trim()) return 'emailRequired';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) return 'emailInvalid';
  return undefined;
}

export function newPasswordProblem(password: string): 'passwordRequired' | 'passwordTooShort' | undefined {
  if (!password) return 'passwordRequired';
  if ([...password].length < PASSWORD_MIN_LENGTH) return 'passwordTooShort';
  return undefined;
}
