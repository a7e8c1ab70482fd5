import { describe, expect, it } from 'vitest';
import { loadTracingSettings, tracesEndpoint } from './tracing-settings.js';

describe('loadTracingSettings', () => {
  it('is off without an OTLP endpoint, and when the SDK or the traces exporter is switched off', () => {
    expect(loadTracingSettings({})).toBeUndefined();
    expect(loadTracingSettings({ OTEL_SERVICE_NAME: 'x', AIHUB_TRACE_UPSTREAM: 'true' })).toBeUndefined();
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(loadTracingSettings({ ...endpoint, OTEL_SDK_DISABLED: 'TRUE' })).toBeUndefined();
    expect(loadTracingSettings({ ...endpoint, OTEL_TRACES_EXPORTER: 'none' })).toBeUndefined();
  });

  it('appends /v1/traces to the base endpoint and takes the traces endpoint as it is', () => {
    const base = loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' });
    expect(base && tracesEndpoint(base)).toBe('http://collector:4318/v1/traces');
    const exact = loadTracingSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://otel.example.com/api/traces',
    });
    expect(exact && tracesEndpoint(exact)).toBe('https://otel.example.com/api/traces');
  });

  it('reads headers, the service name, the batch delay and the upstream switch, with defaults', () => {
    expect(loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318' })).toEqual({
      endpoint: 'http://c:4318',
      headers: {},
      serviceName: 'aihub',
      batchDelayMs: 5_000,
      propagateUpstream: false,
    });
    const settings = loadTracingSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-api-key=abc%3D%3D, broken, =nokey',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'X-Tenant=blue',
      OTEL_SERVICE_NAME: 'relay-eu',
      OTEL_BSP_SCHEDULE_DELAY: 'soon',
      AIHUB_TRACE_UPSTREAM: 'true',
    });
    expect(settings).toMatchObject({
      headers: { 'x-api-key': 'abc==', 'x-tenant': 'blue' },
      serviceName: 'relay-eu',
      batchDelayMs: 5_000,
      propagateUpstream: true,
    });
  });

  it('refuses an endpoint that is not an http(s) URL, naming the variable', () => {
    expect(() => loadTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT must be an http\(s\) URL/,
    );
  });
});
