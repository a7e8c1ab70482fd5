export { type ClusterServices, type ClusterServicesOptions, createClusterServices } from './cluster-services.js';
export {
  CONFIG_KINDS,
  type ConfigBus,
  type ConfigBusEvent,
  type ConfigKind,
  type ConfigMessage,
  createConfigBus,
  LocalConfigBus,
  RedisConfigBus,
} from './config-bus.js';
export { checkRedis, closeRedis, isRedisReady, type RedisHealth, waitForRedis } from './redis.js';
export { createRedis } from './redis-connection.js';
export { type ConfigTargets, type KeyReloadable, type Reloadable, wireConfigBus } from './wire-config-bus.js';
