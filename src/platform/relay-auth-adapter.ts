import type { KeyCache } from '../accounts/key-cache.js';
import type { RelayAuth, RelayCaller } from '../relay/relay-ports.js';

/** The relay's authentication port over the in-memory key cache (no database read per request). */
export function relayAuthAdapter(keys: KeyCache): RelayAuth {
  return {
    authenticate(rawKey: string | undefined): RelayCaller {
      const auth = keys.authenticate(rawKey);
      return {
        userId: auth.userId,
        keyId: auth.keyId,
        keyKind: auth.kind,
        group: auth.principal.group,
        limits: { keyLimits: auth.keyLimits, userLimits: auth.userLimits },
        metered: !auth.unmetered,
        allowsModel: (model) => auth.allowsModel(model),
        allowsIp: (ip) => auth.allowsIp(ip),
      };
    },
  };
}
