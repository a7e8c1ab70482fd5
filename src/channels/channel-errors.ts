import { GatewayError } from '../ir/index.js';

/** The channel errors the store, the registry and the routes share, so their codes never drift. */

export function channelNotFound(): GatewayError {
  return new GatewayError({ kind: 'not_found', message: 'No such channel.', code: 'channel_not_found' });
}

export function channelKeyNotFound(): GatewayError {
  return new GatewayError({
    kind: 'not_found',
    message: 'No such key in this channel.',
    code: 'channel_key_not_found',
  });
}

export function channelNameTaken(name: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    status: 409,
    message: `A channel named '${name}' already exists.`,
    param: 'name',
    code: 'channel_name_taken',
  });
}

/** Env and config channels are declared outside the database: only enable/disable (in memory) applies. */
export function channelReadOnly(source: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: `This channel comes from the ${source === 'env' ? 'environment' : 'config file'} and is read-only; change it there and restart (enable/disable works in memory).`,
    code: 'channel_read_only',
  });
}

export function invalidChannelField(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_value' });
}
