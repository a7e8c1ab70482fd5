/**
 * Sends a column's conversation to `/v1/chat/completions` and streams the reply into the store.
 * One runner per user (module level, like the store), so a reply keeps streaming while the user
 * looks at another page and is there when they come back.
 *
 * Per reply: the playground key (renewed and retried once on a 401), the stream's deltas batched
 * into the store every ~40 ms, then the cost: the estimate from the usage and the sale price at
 * once, replaced by the charge from the request log when it is written; the balance is refreshed
 * after the reply and again once the charge is known.
 */
import type { PickerModel } from '../../components/ModelPicker';
import { ChatStreamError, type ChatStreamResult, isCredentialRejected, streamChatCompletion } from './chat-stream';
import { chatRequestBody } from './code-snippets';
import { estimateReplyCost, fetchLoggedCost } from './cost';
import { playgroundKey } from './credential';
import { apiBaseUrl, buildConversation } from './request';
import { type PlaygroundStore, patchAssistant, setTurns, updateColumn } from './store';
import {
  type AssistantTurn,
  type Attachment,
  newId,
  type ReplyError,
  type ReplyStats,
  type ToolTurn,
  type Turn,
  type UserTurn,
} from './types';

export interface RunnerDeps {
  userId: string;
  models: Map<string, PickerModel>;
  /** Called when a reply ends and when its logged charge arrives (refresh the balance). */
  onBalanceChanged: () => void;
}

const FLUSH_MS = 40;

export function emptyAssistant(model: string): AssistantTurn {
  return {
    id: newId('a'),
    role: 'assistant',
    model,
    content: '',
    reasoning: '',
    reasoningDetails: [],
    reasoningMs: null,
    refusal: '',
    toolCalls: [],
    finishReason: null,
    status: 'streaming',
    stats: null,
    error: null,
    startedAt: Date.now(),
  };
}

export class ChatRunner {
  private readonly controllers = new Map<string, AbortController>();
  deps: RunnerDeps;

  constructor(
    private readonly store: PlaygroundStore,
    deps: RunnerDeps,
  ) {
    this.deps = deps;
  }

  isRunning(columnId?: string): boolean {
    return columnId ? this.controllers.has(columnId) : this.controllers.size > 0;
  }

  /** Sends a user message to every column that has a model (compare mode: the same prompt to each). */
  send(text: string, attachments: Attachment[]): void {
    for (const column of this.store.get().columns) {
      if (!column.model || this.controllers.has(column.id)) continue;
      const turn: UserTurn = { id: newId('u'), role: 'user', content: text, attachments };
      this.store.update((state) => setTurns(state, column.id, [...column.turns, turn]));
      this.run(column.id);
    }
  }

  /** The last reply again: it is replaced. */
  regenerate(columnId: string): void {
    if (this.controllers.has(columnId)) return;
    const column = this.column(columnId);
    if (!column) return;
    const last = column.turns[column.turns.length - 1];
    const turns = last?.role === 'assistant' ? column.turns.slice(0, -1) : column.turns;
    if (turns.length === 0) return;
    this.store.update((state) => setTurns(state, columnId, turns));
    this.run(columnId);
  }

  /** A user message changed: what followed it is dropped and the model answers again. */
  editAndResend(columnId: string, turnId: string, content: string): void {
    this.stop(columnId);
    const column = this.column(columnId);
    const index = column?.turns.findIndex((turn) => turn.id === turnId) ?? -1;
    const turn = column?.turns[index];
    if (!column || !turn || turn.role !== 'user') return;
    this.store.update((state) => setTurns(state, columnId, [...column.turns.slice(0, index), { ...turn, content }]));
    this.run(columnId);
  }

  /** An assistant message edited in place (e.g. to steer the next answer): nothing is sent. */
  editReply(columnId: string, turnId: string, content: string): void {
    this.store.update((state) => patchAssistant(state, columnId, turnId, { content }));
  }

  deleteTurn(columnId: string, turnId: string): void {
    const column = this.column(columnId);
    const turn = column?.turns.find((item) => item.id === turnId);
    if (turn?.role === 'assistant' && turn.status === 'streaming') this.stop(columnId);
    this.store.update((state) =>
      updateColumn(state, columnId, (current) => ({
        ...current,
        turns: current.turns.filter((item) => item.id !== turnId),
      })),
    );
  }

  /** The user answered a tool call; once every call of the reply has a result, the model continues. */
  submitToolResult(columnId: string, toolCallId: string, name: string, content: string): void {
    const column = this.column(columnId);
    if (!column) return;
    const result: ToolTurn = { id: newId('r'), role: 'tool', toolCallId, name, content };
    const turns = [...column.turns, result];
    this.store.update((state) => setTurns(state, columnId, turns));
    const reply = [...turns].reverse().find((turn): turn is AssistantTurn => turn.role === 'assistant');
    const answered = new Set(turns.filter((turn) => turn.role === 'tool').map((turn) => (turn as ToolTurn).toolCallId));
    if (reply?.toolCalls.every((call) => answered.has(call.id))) this.run(columnId);
  }

  /** Stops one column's reply, or every one. What arrived is kept. */
  stop(columnId?: string): void {
    for (const [id, controller] of this.controllers) {
      if (!columnId || id === columnId) controller.abort();
    }
  }

  private column(columnId: string) {
    return this.store.get().columns.find((column) => column.id === columnId);
  }

  private run(columnId: string): void {
    const column = this.column(columnId);
    if (!column?.model || this.controllers.has(columnId)) return;
    const model = column.model;
    const modelInfo = this.deps.models.get(model);
    const history: Turn[] = column.turns;
    const reply = emptyAssistant(model);
    this.store.update((state) => setTurns(state, columnId, [...history, reply]));
    const controller = new AbortController();
    this.controllers.set(columnId, controller);
    const body = chatRequestBody(
      buildConversation({
        baseUrl: apiBaseUrl(),
        model,
        modelInfo,
        settings: this.store.get().settings,
        turns: history,
      }),
    );
    void this.stream(columnId, reply.id, model, body, controller).finally(() => {
      if (this.controllers.get(columnId) === controller) this.controllers.delete(columnId);
      this.deps.onBalanceChanged();
    });
  }

  private async stream(
    columnId: string,
    turnId: string,
    model: string,
    body: Record<string, unknown>,
    controller: AbortController,
  ): Promise<void> {
    const draft: Partial<AssistantTurn> = {};
    let timer: number | undefined;
    const flush = () => {
      if (timer !== undefined) window.clearTimeout(timer);
      timer = undefined;
      const patch = { ...draft };
      this.store.update((state) => patchAssistant(state, columnId, turnId, patch));
    };
    const schedule = () => {
      timer ??= window.setTimeout(flush, FLUSH_MS);
    };
    const startedAt = performance.now();
    let reasoningStart: number | null = null;
    let reasoningEnd: number | null = null;
    let content = '';
    let reasoning = '';
    let refusal = '';
    let stats: ReplyStats = emptyStats();
    let result: ChatStreamResult | null = null;
    let error: ReplyError | null = null;

    for (let attempt = 0; attempt < 2 && !result && !error; attempt++) {
      try {
        const key = await playgroundKey(this.deps.userId, { renew: attempt > 0 });
        if (controller.signal.aborted) break;
        for await (const event of streamChatCompletion({ apiKey: key, body, signal: controller.signal })) {
          switch (event.type) {
            case 'response':
              stats = {
                ...stats,
                requestId: event.response.requestId,
                servedModel: event.response.model,
                provider: event.response.provider,
                droppedParams: event.response.droppedParams,
                cache: event.response.cache,
              };
              draft.stats = stats;
              break;
            case 'reasoning-delta':
              reasoningStart ??= performance.now();
              reasoning += event.delta;
              draft.reasoning = reasoning;
              break;
            case 'content-delta':
              if (reasoningStart !== null) reasoningEnd ??= performance.now();
              content += event.delta;
              draft.content = content;
              break;
            case 'refusal-delta':
              refusal += event.delta;
              draft.refusal = refusal;
              break;
            case 'tool-call-delta': {
              if (reasoningStart !== null) reasoningEnd ??= performance.now();
              const calls = [...(draft.toolCalls ?? [])];
              const index = calls.findIndex((call) => call.index === event.toolCall.index);
              if (index >= 0) calls[index] = { ...event.toolCall };
              else calls.push({ ...event.toolCall });
              draft.toolCalls = calls;
              break;
            }
            case 'usage':
              stats = { ...stats, usage: event.usage };
              draft.stats = stats;
              break;
            case 'finish':
              draft.finishReason = event.finishReason;
              break;
            case 'error':
              error = {
                ...event.error,
                status: 200,
                retryAfterSeconds: null,
                requestId: stats.requestId,
                at: Date.now(),
              };
              break;
            case 'done':
              result = event.result;
              break;
          }
          schedule();
        }
      } catch (caught) {
        if (attempt === 0 && isCredentialRejected(caught)) continue;
        error = replyError(caught);
      }
    }

    // The reply ended (answered, stopped, or failed).
    const choice = result?.choices[0];
    const endedAt = performance.now();
    const final: Partial<AssistantTurn> = {
      content: choice?.content ?? content,
      reasoning: choice?.reasoning ?? reasoning,
      reasoningDetails: choice?.reasoningDetails ?? [],
      refusal: choice?.refusal ?? refusal,
      toolCalls: choice?.toolCalls ?? draft.toolCalls ?? [],
      finishReason: choice?.finishReason ?? draft.finishReason ?? null,
      reasoningMs: reasoningStart !== null ? (reasoningEnd ?? endedAt) - reasoningStart : null,
      error,
      status: error ? 'error' : result?.stopped || controller.signal.aborted ? 'stopped' : 'done',
    };
    if (result) {
      stats = {
        ...stats,
        usage: result.usage ?? stats.usage,
        ttftMs: result.timing.firstTokenMs,
        totalMs: result.timing.totalMs,
      };
    } else if (stats.requestId) {
      stats = { ...stats, totalMs: endedAt - startedAt };
    }
    const price = this.deps.models.get(model);
    if (stats.usage && price?.pricesKnown && price.price) {
      stats = { ...stats, estimatedCost: estimateReplyCost(stats.usage, price.price).units };
    }
    const logged = Boolean(stats.requestId) && (result !== null || error?.status === 200);
    stats = { ...stats, loggedState: logged ? 'pending' : 'none' };
    final.stats = stats.requestId || result ? stats : null;
    draft.stats = undefined;
    Object.assign(draft, final);
    flush();

    if (logged && stats.requestId) void this.fetchCharge(columnId, turnId, stats.requestId, stats);
  }

  private async fetchCharge(columnId: string, turnId: string, requestId: string, stats: ReplyStats): Promise<void> {
    let next: ReplyStats;
    try {
      const logged = await fetchLoggedCost(requestId, { attempts: 24 });
      next = logged ? { ...stats, loggedCost: logged.cost, loggedState: 'done' } : { ...stats, loggedState: 'failed' };
    } catch {
      next = { ...stats, loggedState: 'failed' };
    }
    this.store.update((state) => patchAssistant(state, columnId, turnId, { stats: next }));
    this.deps.onBalanceChanged();
  }
}

function emptyStats(): ReplyStats {
  return {
    requestId: null,
    servedModel: null,
    provider: null,
    usage: null,
    estimatedCost: null,
    loggedCost: null,
    loggedState: 'none',
    ttftMs: null,
    totalMs: null,
    droppedParams: [],
    cache: null,
  };
}

function replyError(error: unknown): ReplyError {
  if (error instanceof ChatStreamError) {
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      retryAfterSeconds: error.retryAfterSeconds,
      requestId: error.requestId,
      at: Date.now(),
    };
  }
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : 0;
  const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : null;
  return {
    status,
    code: code ?? (status === 0 ? 'network_error' : null),
    message: error instanceof Error ? error.message : String(error),
    retryAfterSeconds: null,
    requestId: null,
    at: Date.now(),
  };
}

// ---- one store and runner per user, for the life of the page --------------------------------

const runners = new Map<string, { store: PlaygroundStore; runner: ChatRunner }>();

export function playgroundSession(
  userId: string,
  createStore: (userId: string) => PlaygroundStore,
  deps: RunnerDeps,
): { store: PlaygroundStore; runner: ChatRunner } {
  let session = runners.get(userId);
  if (!session) {
    const store = createStore(userId);
    session = { store, runner: new ChatRunner(store, deps) };
    runners.set(userId, session);
  }
  session.runner.deps = deps;
  return session;
}
