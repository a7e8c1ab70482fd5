/** Sticky routing's operator settings, from the environment. */
export interface StickySettings {
  /** `AIHUB_STICKY_ROUTING` (`on`): `off` routes every request afresh. */
  enabled: boolean;
  /** `AIHUB_STICKY_MAX_ENTRIES` (50,000): conversations each process remembers at most. */
  maxEntries: number;
  /** `AIHUB_STICKY_TTL_MS` (1 hour): a conversation idle this long is routed afresh. */
  idleTtlMs: number;
}

export const DEFAULT_STICKY_SETTINGS: StickySettings = { enabled: true, maxEntries: 50_000, idleTtlMs: 3_600_000 };

export function loadStickySettings(env: NodeJS.ProcessEnv): StickySettings {
  const switched = env.AIHUB_STICKY_ROUTING?.trim().toLowerCase();
  return {
    enabled: !(switched === 'off' || switched === 'false' || switched === '0'),
    maxEntries: positiveInteger(env.AIHUB_STICKY_MAX_ENTRIES) ?? DEFAULT_STICKY_SETTINGS.maxEntries,
    idleTtlMs: positiveInteger(env.AIHUB_STICKY_TTL_MS) ?? DEFAULT_STICKY_SETTINGS.idleTtlMs,
  };
}

function positiveInteger(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isSafeInteger(number) && number > 0 ? number : undefined;
}
