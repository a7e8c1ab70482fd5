/**
 * Where the relay reports upstream accounts that are clearly dead, so an operator sees why a key
 * or channel stopped being used. The channel store implements it (it persists the flag and the
 * reason, shows them in the admin console, and rebuilds the router without the disabled key).
 * Calls are fire-and-forget from the hot path: implementations must not throw or block.
 */
export interface ChannelHealthSink {
  /**
   * The upstream said this key (or the account behind it) cannot be used: invalid or revoked key,
   * no credit left, account suspended or deactivated, billing not active.
   */
  autoDisableKey(channelId: string, keyId: string, reason: string): void;
  /**
   * The upstream refuses the whole channel whatever the key, for a reason that will not pass by
   * itself (the gateway's region is not supported by the vendor).
   */
  autoDisableChannel(channelId: string, reason: string): void;
}

export const NO_HEALTH_SINK: ChannelHealthSink = {
  autoDisableKey() {},
  autoDisableChannel() {},
};
