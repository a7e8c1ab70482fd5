/**
 * One person's email however they spell it, for the trial-once rule: lower-cased, `+tag` dropped
 * (every provider we know delivers `me+x@` to `me@`), and for Gmail the dots dropped too and
 * googlemail.com read as gmail.com (Gmail ignores both). Only for counting trials: the account
 * keeps the address as given. Pure.
 */
export function trialEmailKey(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}
