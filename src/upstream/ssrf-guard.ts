import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';
import { isPublicAddress } from './address-policy.js';

export { classifyAddress, isPublicAddress } from './address-policy.js';

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
}

/**
 * True when the URL's host is an IP address that is not public. A literal address never goes
 * through DNS (Node connects to it directly), so the connect-time lookup below never sees it:
 * it must be checked here, on the URL as the parser normalised it (`http://2130706433/` and
 * `http://0x7f.1/` both have the host `127.0.0.1`, `http://[::ffff:127.0.0.1]/` has `[::ffff:7f00:1]`).
 */
export function urlNamesPrivateAddress(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0 && !isPublicAddress(host);
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type Resolver = (
  hostname: string,
  options: { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `dns.lookup` replacement for the socket: it resolves, then refuses the host if any answer is
 * not public (by the same rules as literal addresses, embedded IPv4 forms included). Checking at
 * connect time (not before) closes the DNS-rebinding gap between check and use.
 */
export function createGuardedLookup(resolve: Resolver = dnsLookup) {
  return function guardedLookup(hostname: string, options: { all?: boolean } | number, callback: LookupCallback): void {
    const all = typeof options === 'object' && options.all === true;
    resolve(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const bad = addresses.find((entry) => !isPublicAddress(entry.address));
      if (bad || addresses.length === 0) {
        return callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), []);
      }
      if (all) return callback(null, addresses);
      const first = addresses[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

export const guardedLookup = createGuardedLookup();
