/**
 * The playground's state (columns of turns, settings) outside React, so a stream can update it
 * chunk by chunk and read the latest conversation without stale closures. Components subscribe
 * with useSyncExternalStore. Kept in sessionStorage per user: a reload does not lose the
 * conversation; "new chat" clears it. Images that do not fit the storage quota are dropped from
 * the saved copy (the text stays).
 */
import { useSyncExternalStore } from 'react';
import {
  type AssistantTurn,
  type Column,
  DEFAULT_SETTINGS,
  MAX_COLUMNS,
  newId,
  type PlaygroundSettings,
  type PlaygroundState,
  type Turn,
} from './types';

const STORAGE_PREFIX = 'aihub.playground.v1:';
const MODEL_STORAGE_KEY = 'aihub.playground.model';

type Listener = () => void;

export interface PlaygroundStore {
  get(): PlaygroundState;
  subscribe(listener: Listener): () => void;
  update(change: (state: PlaygroundState) => PlaygroundState): void;
  /** Writes to sessionStorage now (the store also saves shortly after each change). */
  flush(): void;
}

export function emptyColumn(model: string | null): Column {
  return { id: newId('c'), model, turns: [] };
}

export function initialState(): PlaygroundState {
  return { compare: false, columns: [emptyColumn(null)], settings: { ...DEFAULT_SETTINGS } };
}

export function createPlaygroundStore(userId: string): PlaygroundStore {
  const key = STORAGE_PREFIX + userId;
  let state = load(key) ?? initialState();
  const listeners = new Set<Listener>();
  let timer: number | undefined;

  const save = () => {
    timer = undefined;
    persist(key, state);
  };
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(change) {
      const next = change(state);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
      if (timer === undefined) timer = window.setTimeout(save, 400);
    },
    flush() {
      if (timer !== undefined) window.clearTimeout(timer);
      save();
    },
  };
}

export function usePlaygroundState(store: PlaygroundStore): PlaygroundState {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

// ---- state changes (pure) -----------------------------------------------------------------

export function updateColumn(
  state: PlaygroundState,
  columnId: string,
  change: (column: Column) => Column,
): PlaygroundState {
  let changed = false;
  const columns = state.columns.map((column) => {
    if (column.id !== columnId) return column;
    const next = change(column);
    if (next !== column) changed = true;
    return next;
  });
  return changed ? { ...state, columns } : state;
}

export function patchAssistant(
  state: PlaygroundState,
  columnId: string,
  turnId: string,
  patch: Partial<AssistantTurn>,
): PlaygroundState {
  return updateColumn(state, columnId, (column) => ({
    ...column,
    turns: column.turns.map((turn) => (turn.id === turnId && turn.role === 'assistant' ? { ...turn, ...patch } : turn)),
  }));
}

export function setTurns(state: PlaygroundState, columnId: string, turns: Turn[]): PlaygroundState {
  return updateColumn(state, columnId, (column) => ({ ...column, turns }));
}

export function setSettings(state: PlaygroundState, patch: Partial<PlaygroundSettings>): PlaygroundState {
  return { ...state, settings: { ...state.settings, ...patch } };
}

export function setModel(state: PlaygroundState, columnId: string, model: string): PlaygroundState {
  if (columnId === state.columns[0]?.id) rememberModel(model);
  return updateColumn(state, columnId, (column) => ({ ...column, model }));
}

/** Compare mode on: a second column (same model to start, or `model`); off: the first column only. */
export function setCompare(state: PlaygroundState, on: boolean, model?: string | null): PlaygroundState {
  if (on === state.compare) return state;
  if (!on) return { ...state, compare: false, columns: state.columns.slice(0, 1) };
  const columns = [...state.columns];
  if (columns.length < 2) columns.push(emptyColumn(model ?? columns[0]?.model ?? null));
  return { ...state, compare: true, columns };
}

export function addColumn(state: PlaygroundState, model: string | null): PlaygroundState {
  if (state.columns.length >= MAX_COLUMNS) return state;
  return { ...state, columns: [...state.columns, emptyColumn(model)] };
}

export function removeColumn(state: PlaygroundState, columnId: string): PlaygroundState {
  const columns = state.columns.filter((column) => column.id !== columnId);
  if (columns.length === 0) return state;
  return { ...state, columns, compare: columns.length > 1 };
}

/** New chat: every column empty; models and settings stay. */
export function clearConversation(state: PlaygroundState): PlaygroundState {
  return { ...state, columns: state.columns.map((column) => ({ ...column, turns: [] })) };
}

// ---- the model last chosen (across sessions) ---------------------------------------------------

export function rememberedModel(): string | null {
  try {
    return localStorage.getItem(MODEL_STORAGE_KEY);
  } catch {
    return null;
  }
}

function rememberModel(model: string): void {
  try {
    localStorage.setItem(MODEL_STORAGE_KEY, model);
  } catch {
    // Private mode: not remembered.
  }
}

// ---- persistence --------------------------------------------------------------------------

function load(key: string): PlaygroundState | null {
  try {
    const text = sessionStorage.getItem(key);
    if (!text) return null;
    const saved = JSON.parse(text) as Partial<PlaygroundState>;
    if (!Array.isArray(saved.columns) || saved.columns.length === 0) return null;
    return {
      compare: saved.compare === true && saved.columns.length > 1,
      settings: { ...DEFAULT_SETTINGS, ...saved.settings },
      columns: saved.columns.slice(0, MAX_COLUMNS).map((column) => ({
        id: column.id || newId('c'),
        model: column.model ?? null,
        // A reply that was streaming when the page went away ends as stopped.
        turns: (column.turns ?? []).map((turn) =>
          turn.role === 'assistant' && turn.status === 'streaming' ? { ...turn, status: 'stopped' } : turn,
        ),
      })),
    };
  } catch {
    return null;
  }
}

function persist(key: string, state: PlaygroundState): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(state));
  } catch {
    // Over the quota (images): keep the text, drop the image data.
    try {
      const lean: PlaygroundState = {
        ...state,
        columns: state.columns.map((column) => ({
          ...column,
          turns: column.turns.map((turn) =>
            turn.role === 'user' && turn.attachments.length > 0
              ? { ...turn, attachments: turn.attachments.map((file) => ({ ...file, dataUrl: '' })) }
              : turn,
          ),
        })),
      };
      sessionStorage.setItem(key, JSON.stringify(lean));
    } catch {
      // Storage unavailable: the conversation lasts until the page closes.
    }
  }
}
