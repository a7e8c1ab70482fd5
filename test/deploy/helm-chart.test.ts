/**
 * The Helm chart (deploy/helm/aihub), linted and rendered by the real helm with its default values
 * and with others (external or bundled PostgreSQL and Redis, an existing Secret, ingress,
 * autoscaling on and off); every rendered object is validated against the Kubernetes schemas,
 * then what matters for AIHub is checked: probes, a non-root pod, a grace period longer than the
 * drain, streaming-friendly ingress annotations, and secrets that exist.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { runHelm, unpackHelm } from './helm-binary.js';
import { type KubernetesObject, validateKubernetesObject } from './kubernetes-schemas.js';

const chart = fileURLToPath(new URL('../../deploy/helm/aihub', import.meta.url));
let directory: string;
let helm: string;

beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'aihub-helm-'));
  helm = unpackHelm(directory);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const VALUE_SETS: Record<string, Record<string, unknown>> = {
  defaults: {},
  external: {
    externalDatabase: { url: 'postgres://aihub:pw@db.internal:5432/aihub', schema: 'aihub' },
    externalRedis: { url: 'redis://cache.internal:6379' },
    autoscaling: { enabled: true, minReplicas: 3 },
    drainTimeoutSeconds: 900,
    ingress: { enabled: true, hosts: [{ host: 'api.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }] },
    config: { trustProxy: '10.0.0.0/8', env: { AIHUB_MAX_ATTEMPTS: '4' }, file: 'settings:\n  max_attempts: 4\n' },
    extraEnvFrom: [{ secretRef: { name: 'vendor-keys' } }],
  },
  bundled: {
    postgresql: { enabled: true },
    redis: { enabled: true },
    auth: { existingSecret: 'operator-keys' },
    autoscaling: { enabled: false },
    replicaCount: 3,
    ingress: {
      enabled: true,
      tls: [{ secretName: 'aihub-tls', hosts: ['aihub.example.com'] }],
    },
  },
};

async function render(name: string, values: Record<string, unknown>): Promise<KubernetesObject[]> {
  const valuesFile = path.join(directory, `${name}.values.yaml`);
  writeFileSync(valuesFile, stringify(values));
  const lint = await runHelm(helm, directory, ['lint', '--strict', chart, '-f', valuesFile]);
  expect(lint.code, lint.stdout + lint.stderr).toBe(0);
  const template = await runHelm(helm, directory, ['template', 'hub', chart, '--namespace', 'ai', '-f', valuesFile]);
  expect(template.code, template.stderr).toBe(0);
  return parseAllDocuments(template.stdout)
    .map((document) => {
      expect(document.errors).toEqual([]);
      return document.toJS() as KubernetesObject | null;
    })
    .filter((object): object is KubernetesObject => object !== null);
}

function find(objects: KubernetesObject[], kind: string, name?: string): KubernetesObject[] {
  return objects.filter((object) => object.kind === kind && (name === undefined || object.metadata.name === name));
}

function kinds(objects: KubernetesObject[]): string[] {
  return objects.map((object) => `${object.kind}/${object.metadata.name}`).sort();
}

describe.each(Object.entries(VALUE_SETS))('the Helm chart with %s values', (name, values) => {
  let objects: KubernetesObject[];
  beforeAll(async () => {
    objects = await render(name, values);
  });

  it('renders objects that match the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(4);
    for (const object of objects) validateKubernetesObject(object);
  });

  it('probes /healthz for liveness and /readyz for readiness on the container port', () => {
    const [deployment] = find(objects, 'Deployment');
    const container = deployment!.spec.template.spec.containers[0];
    expect(container.ports).toEqual([{ name: 'http', containerPort: 3000, protocol: 'TCP' }]);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    const [service] = find(objects, 'Service', 'hub-aihub');
    expect(service!.spec.ports[0].targetPort).toBe('http');
    expect(service!.spec.selector).toEqual(deployment!.spec.selector.matchLabels);
  });

  it('runs as a non-root user without privileges, with requests and limits', () => {
    const [deployment] = find(objects, 'Deployment');
    const pod = deployment!.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
    const container = pod.containers[0];
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
    expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });
    expect(container.volumeMounts.map((mount: { mountPath: string }) => mount.mountPath)).toEqual(
      expect.arrayContaining(['/data', '/tmp']),
    );
  });

  it('gives a stopping pod longer than the drain timeout, plus the preStop pause', () => {
    const [configMap] = find(objects, 'ConfigMap', 'hub-aihub');
    const drain = Number(configMap!.data!.AIHUB_DRAIN_TIMEOUT_SECONDS);
    expect(drain).toBe((values.drainTimeoutSeconds as number | undefined) ?? 300);
    const [deployment] = find(objects, 'Deployment');
    const pod = deployment!.spec.template.spec;
    const preStop = Number(pod.containers[0].lifecycle.preStop.exec.command[1]);
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(drain + preStop);
  });

  it('takes its keys and connection URLs from Secrets that are rendered or named by the operator', () => {
    const [deployment] = find(objects, 'Deployment');
    const container = deployment!.spec.template.spec.containers[0];
    const rendered = new Set(find(objects, 'Secret').map((secret) => secret.metadata.name));
    const named = [(values.auth as { existingSecret?: string } | undefined)?.existingSecret].filter(Boolean);
    for (const variable of container.env) {
      const reference = variable.valueFrom?.secretKeyRef;
      if (!reference) continue;
      expect(
        rendered.has(reference.name) || named.includes(reference.name),
        `${variable.name} → ${reference.name}`,
      ).toBe(true);
      const secret = find(objects, 'Secret', reference.name)[0];
      if (secret) expect(Object.keys(secret.stringData ?? secret.data ?? {})).toContain(reference.key);
    }
    const names = container.env.map((variable: { name: string }) => variable.name);
    expect(names).toEqual(expect.arrayContaining(['AIHUB_ADMIN_KEY', 'AIHUB_SECRET_KEY']));
  });

  it('lets streamed answers through the ingress unbuffered, when there is one', () => {
    const ingresses = find(objects, 'Ingress');
    expect(ingresses.length).toBe((values.ingress as { enabled?: boolean } | undefined)?.enabled ? 1 : 0);
    for (const ingress of ingresses) {
      expect(ingress.metadata.annotations).toMatchObject({
        'nginx.ingress.kubernetes.io/proxy-buffering': 'off',
        'nginx.ingress.kubernetes.io/proxy-request-buffering': 'off',
        'nginx.ingress.kubernetes.io/proxy-http-version': '1.1',
      });
      expect(Number(ingress.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-read-timeout'])).toBeGreaterThan(
        600,
      );
      expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
        name: 'hub-aihub',
        port: { name: 'http' },
      });
    }
  });
});

describe('the Helm chart, value by value', () => {
  it('runs one SQLite replica on a kept volume by default, replaced rather than rolled', async () => {
    const objects = await render('defaults-only', {});
    expect(kinds(objects)).toEqual([
      'ConfigMap/hub-aihub',
      'Deployment/hub-aihub',
      'PersistentVolumeClaim/hub-aihub-data',
      'Secret/hub-aihub',
      'Service/hub-aihub',
      'ServiceAccount/hub-aihub',
    ]);
    const [deployment] = find(objects, 'Deployment');
    expect(deployment!.spec.replicas).toBe(1);
    expect(deployment!.spec.strategy).toEqual({ type: 'Recreate' });
    expect(deployment!.spec.template.spec.volumes[0]).toEqual({
      name: 'data',
      persistentVolumeClaim: { claimName: 'hub-aihub-data' },
    });
    const names = deployment!.spec.template.spec.containers[0].env.map((variable: { name: string }) => variable.name);
    expect(names).not.toContain('DATABASE_URL');
    // Generated keys: an admin key, and 32 random bytes the secret box accepts.
    const [secret] = find(objects, 'Secret');
    expect(secret!.stringData!.AIHUB_ADMIN_KEY).toMatch(/^sk-aihub-admin-[A-Za-z0-9]{32}$/);
    expect(Buffer.from(secret!.stringData!.AIHUB_SECRET_KEY!, 'base64')).toHaveLength(32);
  });

  it('autoscales and rolls one pod at a time on an external PostgreSQL and Redis', async () => {
    const objects = await render('external-only', VALUE_SETS.external!);
    const [hpa] = find(objects, 'HorizontalPodAutoscaler');
    expect(hpa!.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'hub-aihub' });
    expect(hpa!.spec.minReplicas).toBe(3);
    expect(find(objects, 'PodDisruptionBudget')).toHaveLength(1);
    const [deployment] = find(objects, 'Deployment');
    expect(deployment!.spec.replicas).toBeUndefined();
    expect(deployment!.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
    });
    const container = deployment!.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((variable: { name: string }) => [variable.name, variable]));
    expect(env.DATABASE_URL.valueFrom.secretKeyRef).toEqual({ name: 'hub-aihub-connections', key: 'DATABASE_URL' });
    expect(env.REDIS_URL.valueFrom.secretKeyRef).toEqual({ name: 'hub-aihub-connections', key: 'REDIS_URL' });
    expect(find(objects, 'Secret', 'hub-aihub-connections')[0]!.stringData).toEqual({
      DATABASE_URL: 'postgres://aihub:pw@db.internal:5432/aihub',
      REDIS_URL: 'redis://cache.internal:6379',
    });
    expect(container.envFrom).toEqual([
      { configMapRef: { name: 'hub-aihub' } },
      { secretRef: { name: 'vendor-keys' } },
    ]);
    const config = find(objects, 'ConfigMap', 'hub-aihub')[0]!.data!;
    expect(config).toMatchObject({
      AIHUB_TRUST_PROXY: '10.0.0.0/8',
      AIHUB_MAX_ATTEMPTS: '4',
      AIHUB_DATABASE_SCHEMA: 'aihub',
      AIHUB_CONFIG: '/etc/aihub/aihub.yaml',
    });
    expect(find(objects, 'ConfigMap', 'hub-aihub-file')[0]!.data).toEqual({
      'aihub.yaml': 'settings:\n  max_attempts: 4\n',
    });
    // No volume to keep: the database is elsewhere.
    expect(find(objects, 'PersistentVolumeClaim')).toEqual([]);
  });

  it('bundles PostgreSQL 16 and Redis 7 and wires their generated passwords into the URLs', async () => {
    const objects = await render('bundled-only', VALUE_SETS.bundled!);
    const statefulSets = find(objects, 'StatefulSet');
    expect(statefulSets.map((set) => set.spec.template.spec.containers[0].image).sort()).toEqual([
      expect.stringMatching(/^postgres:16\./),
      expect.stringMatching(/^redis:7\./),
    ]);
    for (const set of statefulSets) {
      expect(set.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      const service = find(objects, 'Service', set.metadata.name)[0]!;
      expect(service.spec.selector).toEqual(set.spec.selector.matchLabels);
    }
    // The gateway's Service must not select the database pods.
    const gateway = find(objects, 'Service', 'hub-aihub')[0]!;
    expect(gateway.spec.selector['app.kubernetes.io/component']).toBe('gateway');
    const [deployment] = find(objects, 'Deployment');
    expect(deployment!.spec.replicas).toBe(3);
    const env = deployment!.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>;
    const names = env.map((variable) => variable.name);
    // Kubernetes expands $(NAME) only from variables defined before.
    expect(names.indexOf('AIHUB_POSTGRES_PASSWORD')).toBeLessThan(names.indexOf('DATABASE_URL'));
    expect(names.indexOf('AIHUB_REDIS_PASSWORD')).toBeLessThan(names.indexOf('REDIS_URL'));
    expect(env.find((variable) => variable.name === 'DATABASE_URL')!.value).toBe(
      'postgres://aihub:$(AIHUB_POSTGRES_PASSWORD)@hub-aihub-postgresql:5432/aihub',
    );
    expect(env.find((variable) => variable.name === 'REDIS_URL')!.value).toBe(
      'redis://:$(AIHUB_REDIS_PASSWORD)@hub-aihub-redis:6379',
    );
    // The operator's Secret holds the keys: the chart renders none of its own for them.
    expect(find(objects, 'Secret', 'hub-aihub')).toEqual([]);
    expect(find(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(find(objects, 'PodDisruptionBudget')[0]!.spec.maxUnavailable).toBe(1);
  });

  it('refuses several replicas on SQLite, with the reason', async () => {
    const valuesFile = path.join(directory, 'sqlite-autoscaling.values.yaml');
    writeFileSync(valuesFile, stringify({ autoscaling: { enabled: true } }));
    const result = await runHelm(helm, directory, ['template', 'hub', chart, '-f', valuesFile]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('AIHub on SQLite serves from one replica');
  });
});
