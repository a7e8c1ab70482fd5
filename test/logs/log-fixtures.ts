import type { RequestLogEntry } from '../../src/logs/request-log-entry.js';
import { toRequestLogRow } from '../../src/logs/request-log-entry.js';
import type { Store } from '../../src/store/database.js';

/** A successful, non-streamed request with round numbers; override what the test is about. */
export function logEntry(overrides: Partial<RequestLogEntry> & { id: string }): RequestLogEntry {
  return {
    createdAt: Date.UTC(2025, 0, 15, 12),
    userId: 'usr_a',
    keyId: 'key_a1',
    keyKind: 'standard',
    modelRequested: 'gpt-4o-mini',
    modelServed: 'gpt-4o-mini-2024-07-18',
    provider: 'openai',
    channel: 'openai-main',
    status: 200,
    stream: false,
    attempts: 1,
    promptTokens: 100,
    completionTokens: 20,
    cachedTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    reasoningTokens: 0,
    webSearchCalls: 0,
    usageEstimated: false,
    cost: 1_000,
    latencyMs: 500,
    ttftMs: null,
    finishReason: 'stop',
    errorCode: null,
    errorMessage: null,
    clientIp: '203.0.113.7',
    attemptsDetail: null,
    cachedResponse: false,
    ...overrides,
  };
}

/** Inserts entries directly (not through the writer), for query tests. */
export async function insertLogs(store: Store, entries: RequestLogEntry[], keepText = false): Promise<void> {
  if (entries.length === 0) return;
  await store.db
    .insertInto('request_logs')
    .values(entries.map((entry) => toRequestLogRow(entry, keepText)))
    .execute();
}

export async function clearLogs(store: Store): Promise<void> {
  await store.db.deleteFrom('request_logs').execute();
}

/** Timers driven by hand: `tick()` runs every live interval callback once. */
export function manualTimers() {
  const live = new Map<number, () => void>();
  let next = 1;
  return {
    live,
    setInterval(callback: () => void, _ms: number): unknown {
      const handle = next++;
      live.set(handle, callback);
      return handle;
    },
    clearInterval(handle: unknown): void {
      live.delete(handle as number);
    },
    tick(): void {
      for (const callback of [...live.values()]) callback();
    },
  };
}
