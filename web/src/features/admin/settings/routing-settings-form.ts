import type { Settings } from './api';

/**
 * The routing settings card's form (settings keys `routingPolicy`, `hedging`, `streamContinuation`
 * and `defaultModels`; src/platform/settings.ts, src/relay/hedge-policy.ts,
 * src/routing/default-model.ts). Pure, so the rules are tested without a browser. The form checks
 * what it needs to build the request (whole numbers, names present and distinct); limits such as
 * the hedge delay's range are the server's, which names the field it refuses.
 */

export type RoutingPolicy = Settings['routingPolicy'];
export const ROUTING_POLICIES: readonly RoutingPolicy[] = ['weighted', 'cheapest', 'fastest'];

export type RoutingSettings = Pick<Settings, 'routingPolicy' | 'hedging' | 'streamContinuation' | 'defaultModels'>;

/** A key group's hedge: after its route's p95 time to first token, or after fixed milliseconds. */
export interface HedgeRow {
  id: number;
  group: string;
  mode: 'p95' | 'fixed';
  /** Milliseconds as typed, for `fixed`. */
  delayMs: string;
}

export interface DefaultModelRow {
  id: number;
  group: string;
  model: string;
}

export interface RoutingDraft {
  routingPolicy: RoutingPolicy;
  hedges: HedgeRow[];
  requestHeader: boolean;
  defaultDelayMs: string;
  streamContinuation: boolean;
  defaultModels: DefaultModelRow[];
}

/** Keys of manage:settings.routing.errors.* */
export type RoutingIssue = 'groupRequired' | 'groupInvalid' | 'groupDuplicate' | 'wholeNumber' | 'modelRequired';

/**
 * Issues by place: `defaultDelayMs`, `hedge.<row id>.group`, `hedge.<row id>.delay`,
 * `default.<row id>.group`, `default.<row id>.model`.
 */
export type RoutingIssues = Record<string, RoutingIssue>;

/** `*` (every group) or a key group name (at most 64 characters, as the server takes them). */
const GROUP = /^(\*|[^\s]{1,64})$/;
export const MAX_MODEL = 300;

let rowIds = 0;
const nextId = () => ++rowIds;

export function newHedgeRow(group = ''): HedgeRow {
  return { id: nextId(), group, mode: 'p95', delayMs: '' };
}

export function newDefaultModelRow(group = ''): DefaultModelRow {
  return { id: nextId(), group, model: '' };
}

export function routingDraftOf(settings: RoutingSettings): RoutingDraft {
  return {
    routingPolicy: settings.routingPolicy,
    hedges: Object.entries(settings.hedging.groups).map(([group, delay]) => ({
      id: nextId(),
      group,
      mode: delay === 'p95' ? 'p95' : 'fixed',
      delayMs: delay === 'p95' ? '' : String(delay),
    })),
    requestHeader: settings.hedging.requestHeader,
    defaultDelayMs: String(settings.hedging.defaultDelayMs),
    streamContinuation: settings.streamContinuation,
    defaultModels: Object.entries(settings.defaultModels).map(([group, model]) => ({ id: nextId(), group, model })),
  };
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** Whether a row's group can be sent; its issue otherwise. */
function checkGroup(group: string, seen: Set<string>, place: string, issues: RoutingIssues): boolean {
  if (!group) issues[place] = 'groupRequired';
  else if (!GROUP.test(group)) issues[place] = 'groupInvalid';
  else if (seen.has(group)) issues[place] = 'groupDuplicate';
  else {
    seen.add(group);
    return true;
  }
  return false;
}

/** The draft as the PATCH body of these four keys, with the issues that keep it from being sent. */
export function readRoutingDraft(draft: RoutingDraft): { value: RoutingSettings; issues: RoutingIssues } {
  const issues: RoutingIssues = {};
  const groups: RoutingSettings['hedging']['groups'] = {};
  const hedgeGroups = new Set<string>();
  for (const row of draft.hedges) {
    const group = row.group.trim();
    const valid = checkGroup(group, hedgeGroups, `hedge.${row.id}.group`, issues);
    let delay: 'p95' | number | undefined = 'p95';
    if (row.mode === 'fixed') {
      delay = wholeNumber(row.delayMs);
      if (delay === undefined) issues[`hedge.${row.id}.delay`] = 'wholeNumber';
    }
    if (valid && delay !== undefined) groups[group] = delay;
  }
  const defaultDelayMs = wholeNumber(draft.defaultDelayMs);
  if (defaultDelayMs === undefined) issues.defaultDelayMs = 'wholeNumber';

  const defaultModels: RoutingSettings['defaultModels'] = {};
  const modelGroups = new Set<string>();
  for (const row of draft.defaultModels) {
    const group = row.group.trim();
    const model = row.model.trim();
    const valid = checkGroup(group, modelGroups, `default.${row.id}.group`, issues);
    if (!model) issues[`default.${row.id}.model`] = 'modelRequired';
    else if (valid) defaultModels[group] = model;
  }

  return {
    value: {
      routingPolicy: draft.routingPolicy,
      hedging: { groups, requestHeader: draft.requestHeader, defaultDelayMs: defaultDelayMs ?? 0 },
      streamContinuation: draft.streamContinuation,
      defaultModels,
    },
    issues,
  };
}

/** The four keys as stored, in the form's shape (for comparing). */
export function storedRouting(settings: RoutingSettings): RoutingSettings {
  return {
    routingPolicy: settings.routingPolicy,
    hedging: {
      groups: settings.hedging.groups,
      requestHeader: settings.hedging.requestHeader,
      defaultDelayMs: settings.hedging.defaultDelayMs,
    },
    streamContinuation: settings.streamContinuation,
    defaultModels: settings.defaultModels,
  };
}

/** Whether saving would change anything (what the fields mean, not how they are typed). */
export function routingChanged(draft: RoutingDraft, stored: RoutingSettings): boolean {
  const { value, issues } = readRoutingDraft(draft);
  if (Object.keys(issues).length > 0) return true;
  return JSON.stringify(sortedKeys(value)) !== JSON.stringify(sortedKeys(storedRouting(stored)));
}

function sortedKeys(settings: RoutingSettings): RoutingSettings {
  const sorted = <T>(record: Record<string, T>) =>
    Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...settings,
    hedging: { ...settings.hedging, groups: sorted(settings.hedging.groups) },
    defaultModels: sorted(settings.defaultModels),
  };
}

/**
 * Where a server error belongs: `hedging.groups.vip` → that row's delay, `hedging.defaultDelayMs`
 * → the default delay, `defaultModels.vip` → that row's model, `routingPolicy` → the policy;
 * anything else → `form`.
 */
export function placeOfRoutingParam(param: string | null, draft: RoutingDraft): string {
  if (!param) return 'form';
  if (param === 'routingPolicy' || param === 'streamContinuation' || param === 'hedging.requestHeader') return param;
  if (param === 'hedging.defaultDelayMs') return 'defaultDelayMs';
  if (param.startsWith('hedging.groups.')) {
    const group = param.slice('hedging.groups.'.length);
    const row = draft.hedges.find((item) => item.group.trim() === group);
    if (row) return `hedge.${row.id}.${row.mode === 'fixed' ? 'delay' : 'group'}`;
  }
  if (param.startsWith('defaultModels.')) {
    const group = param.slice('defaultModels.'.length);
    const row = draft.defaultModels.find((item) => item.group.trim() === group);
    if (row) return `default.${row.id}.model`;
  }
  return 'form';
}
