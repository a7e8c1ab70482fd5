/**
 * compose.yaml, read as data (no Docker engine here): the three services, their wiring (URLs that
 * name the services and the database the PostgreSQL container creates), named volumes, the data
 * directory and port the image declares, and only variables the README documents.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envPairs, parseDockerfile } from './dockerfile.js';

const read = (file: string) => readFileSync(fileURLToPath(new URL(`../../${file}`, import.meta.url)), 'utf8');

interface Service {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}
const compose = parse(read('compose.yaml')) as { services: Record<string, Service>; volumes: Record<string, null> };
const { aihub, postgres, redis } = compose.services;
const finalStage = parseDockerfile(read('Dockerfile')).at(-1)!;
const imageEnv = Object.fromEntries(
  finalStage.instructions.filter((instruction) => instruction.keyword === 'ENV').flatMap(envPairs),
);

/** `${NAME:?message}` / `${NAME:-default}` → a sample value, as docker compose would interpolate. */
function interpolate(value: string, sample: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::[?-][^}]*)?\}/g, (_, name: string) => sample[name] ?? '');
}

describe('compose.yaml', () => {
  it('runs AIHub from this Dockerfile beside PostgreSQL 16 and Redis 7, each with a health check', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['aihub', 'postgres', 'redis']);
    expect(aihub!.build).toBe('.');
    expect(postgres!.image).toMatch(/^postgres:16(\.|-|$)/);
    expect(redis!.image).toMatch(/^redis:7(\.|-|$)/);
    expect(aihub!.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
    expect(postgres!.healthcheck!.test).toContain('pg_isready');
    expect(redis!.healthcheck!.test).toContain('redis-cli');
  });

  it('points AIHub at those services, with the database and user PostgreSQL creates', () => {
    const sample = { POSTGRES_PASSWORD: 's3cret' };
    const database = new URL(interpolate(aihub!.environment!.DATABASE_URL!, sample));
    expect(database.protocol).toBe('postgres:');
    expect(database.hostname).toBe('postgres');
    expect(database.username).toBe(postgres!.environment!.POSTGRES_USER);
    expect(database.password).toBe(interpolate(postgres!.environment!.POSTGRES_PASSWORD!, sample));
    expect(database.pathname).toBe(`/${postgres!.environment!.POSTGRES_DB}`);
    expect(new URL(aihub!.environment!.REDIS_URL!).hostname).toBe('redis');
  });

  it('requires the keys rather than starting without them', () => {
    for (const name of ['AIHUB_ADMIN_KEY', 'AIHUB_SECRET_KEY']) {
      expect(aihub!.environment![name]).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
  });

  it('keeps every service’s data in a declared named volume, AIHub’s at the image’s data directory', () => {
    const used = Object.values(compose.services).flatMap((service) =>
      (service.volumes ?? []).map((volume) => volume.split(':')),
    );
    expect(used.map(([source]) => source).sort()).toEqual(Object.keys(compose.volumes).sort());
    expect(aihub!.volumes).toEqual([`aihub-data:${imageEnv.AIHUB_DATA_DIR}`]);
    expect(postgres!.volumes).toEqual(['postgres-data:/var/lib/postgresql/data']);
    expect(redis!.volumes).toEqual(['redis-data:/data']);
  });

  it('publishes the port the image listens on, and waits out the drain when stopping', () => {
    expect(aihub!.ports).toEqual([`127.0.0.1:${imageEnv.PORT}:${imageEnv.PORT}`]);
    const drain = Number(interpolate(aihub!.environment!.AIHUB_DRAIN_TIMEOUT_SECONDS!, {}));
    expect(Number.parseInt(aihub!.stop_grace_period!, 10)).toBeGreaterThan(drain);
  });

  it('sets only variables the README documents', () => {
    const readme = read('README.md');
    for (const name of Object.keys(aihub!.environment!)) expect(readme, name).toContain(`\`${name}\``);
  });
});
