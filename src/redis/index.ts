// extralife/redis: the retry scope shared by many processes through Redis (node-redis).
export { createRedisScope, type RedisScope, type RedisScopeOptions } from './scope.ts';
export { RedisCommandFailed, type RedisScopeEvent } from './link.ts';
export type { NodeRedisClient, RedisCommandOptions, RedisMessageListener, RedisSubscriberConnection } from './client.ts';
