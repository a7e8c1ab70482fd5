import { BlockList, isIP } from 'node:net';
import { GatewayError } from '../ir/index.js';

/**
 * An API key's restrictions: which models it may call (ids or `*` globs) and from which
 * addresses (IPs or CIDRs). Validated once when saved, compiled once when cached, so checking a
 * request is one RegExp test and one BlockList lookup.
 */

export const MAX_ALLOWED_MODELS = 200;
export const MAX_ALLOWED_IPS = 100;

/** Trims, de-duplicates and validates a model list; null (or undefined) means every model. */
export function normalizeAllowedModels(list: readonly string[] | null | undefined): string[] | null {
  if (list == null) return null;
  const cleaned = [...new Set(list.map((entry) => entry.trim()))];
  checkListSize(cleaned, MAX_ALLOWED_MODELS, 'allowedModels');
  for (const entry of cleaned) {
    // Model ids carry slashes, colons, dots and @ (`Qwen/Qwen2.5-72B`, `claude@2024`), never spaces.
    if (entry.length === 0 || entry.length > 200 || /\s/.test(entry) || hasControlCharacter(entry)) {
      throw invalid('allowedModels', `'${entry}' is not a model id or pattern.`);
    }
  }
  return cleaned;
}

/** Trims, de-duplicates and validates an address list; null (or undefined) means any address. */
export function normalizeAllowedIps(list: readonly string[] | null | undefined): string[] | null {
  if (list == null) return null;
  const cleaned = [...new Set(list.map((entry) => entry.trim()))];
  checkListSize(cleaned, MAX_ALLOWED_IPS, 'allowedIps');
  for (const entry of cleaned) {
    if (!parseIpRule(entry)) throw invalid('allowedIps', `'${entry}' is not an IP address or CIDR range.`);
  }
  return cleaned;
}

/** A predicate for model ids. Globs: `*` matches any run of characters (slashes included); case-insensitive. */
/** One shared "no restriction" predicate rather than a closure per key (100,000 keys are cached). */
const ALLOW_ALL = (): boolean => true;

export function compileModelMatcher(patterns: readonly string[] | null): (model: string) => boolean {
  if (patterns === null) return ALLOW_ALL;
  const alternatives = patterns.map((pattern) =>
    pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*'),
  );
  const regex = new RegExp(`^(?:${alternatives.join('|')})$`, 'i');
  return (model) => regex.test(model);
}

/** A predicate for client addresses; IPv4-mapped IPv6 (`::ffff:1.2.3.4`) counts as its IPv4 address. */
export function compileIpMatcher(rules: readonly string[] | null): (ip: string) => boolean {
  if (rules === null) return ALLOW_ALL;
  const list = new BlockList();
  for (const rule of rules) {
    const parsed = parseIpRule(rule);
    if (!parsed) continue; // validated when saved; a hand-edited bad row just matches nothing
    if (parsed.prefix === undefined) list.addAddress(parsed.address, parsed.type);
    else list.addSubnet(parsed.address, parsed.prefix, parsed.type);
  }
  return (ip) => {
    const address = unmapIpv4(ip);
    const version = isIP(address);
    if (version === 0) return false;
    return list.check(address, version === 4 ? 'ipv4' : 'ipv6');
  };
}

interface IpRule {
  address: string;
  type: 'ipv4' | 'ipv6';
  prefix?: number;
}

function parseIpRule(rule: string): IpRule | undefined {
  const [rawAddress, prefixText, extra] = rule.split('/');
  if (extra !== undefined || rawAddress === undefined) return undefined;
  const address = unmapIpv4(rawAddress);
  const version = isIP(address);
  if (version === 0) return undefined;
  const type = version === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) return { address, type };
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > (version === 4 ? 32 : 128)) return undefined;
  return { address, type, prefix };
}

function unmapIpv4(ip: string): string {
  const match = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return match ? match[1]! : ip;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20 || text.charCodeAt(i) === 0x7f) return true;
  return false;
}

function checkListSize(list: string[], max: number, param: string): void {
  if (list.length === 0) {
    throw invalid(param, 'The list is empty, which would allow nothing; send null to remove the restriction.');
  }
  if (list.length > max) throw invalid(param, `At most ${max} entries.`);
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_value' });
}
